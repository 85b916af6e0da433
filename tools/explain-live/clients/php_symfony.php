<?php
// php_symfony.php URL MODE: Symfony HttpClient (curl underneath), uncaught (openai-php's PSR-18 alternative)
require '/usr/share/php/Symfony/Component/HttpClient/autoload.php';
[$_, $url, $mode] = $argv;
$model = getenv('MODEL') ?: 'llama3.2';
$path = ['tags' => '/api/tags', 'chat' => '/api/chat'][$mode] ?? '/chat/completions';
$c = Symfony\Component\HttpClient\HttpClient::create(['timeout' => 3, 'max_duration' => 6]);
$r = $mode === 'tags' ? $c->request('GET', $url . $path)
    : $c->request('POST', $url . $path, ['json' => ['model' => $model, 'messages' => [['role' => 'user', 'content' => 'hi']], 'stream' => false]]);
echo $r->getContent(), "\n";
