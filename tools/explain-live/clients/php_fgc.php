<?php
// php_fgc.php URL MODE: file_get_contents with an http context, as small PHP apps call Ollama
[$_, $url, $mode] = $argv;
$model = getenv('MODEL') ?: 'llama3.2';
$path = ['tags' => '/api/tags', 'chat' => '/api/chat'][$mode] ?? '/chat/completions';
$opts = ['http' => ['timeout' => 3]];
if ($mode !== 'tags') {
    $opts['http'] += ['method' => 'POST', 'header' => "Content-Type: application/json\r\n",
        'content' => json_encode(['model' => $model, 'messages' => [['role' => 'user', 'content' => 'hi']], 'stream' => false])];
}
$body = file_get_contents($url . $path, false, stream_context_create($opts));
if ($body === false) {
    throw new RuntimeException("Ollama request failed");
}
echo $body, "\n";
