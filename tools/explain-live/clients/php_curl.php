<?php
// php_curl.php URL MODE: the curl extension, as Guzzle and most PHP clients use it
[$_, $url, $mode] = $argv;
$model = getenv('MODEL') ?: 'llama3.2';
$path = ['tags' => '/api/tags', 'chat' => '/api/chat'][$mode] ?? '/chat/completions';
$ch = curl_init($url . $path);
curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_CONNECTTIMEOUT => 3, CURLOPT_TIMEOUT => 3]);
if ($mode !== 'tags') {
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
        CURLOPT_POSTFIELDS => json_encode(['model' => $model, 'messages' => [['role' => 'user', 'content' => 'hi']], 'stream' => false])]);
}
$body = curl_exec($ch);
if ($body === false) {
    throw new RuntimeException(sprintf('cURL error %d: %s (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for %s',
        curl_errno($ch), curl_error($ch), $url . $path));
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($status >= 400) {
    throw new RuntimeException("Ollama returned HTTP $status: $body");
}
echo $body, "\n";
