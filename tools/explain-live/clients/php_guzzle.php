<?php
// php_guzzle.php URL MODE: Guzzle 7, uncaught (openai-php's and LLPhant's transport)
require '/usr/share/php/GuzzleHttp/autoload.php';
[$_, $url, $mode] = $argv;
$model = getenv('MODEL') ?: 'llama3.2';
$path = ['tags' => '/api/tags', 'chat' => '/api/chat'][$mode] ?? '/chat/completions';
$c = new GuzzleHttp\Client(['base_uri' => $url, 'connect_timeout' => 3, 'timeout' => 3]);
$r = $mode === 'tags' ? $c->get($path)
    : $c->post($path, ['json' => ['model' => $model, 'messages' => [['role' => 'user', 'content' => 'hi']], 'stream' => false]]);
echo $r->getBody(), "\n";
