# ruby_net.rb URL MODE: Net::HTTP, uncaught
require 'net/http'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3.2')
uri = URI(url + { 'tags' => '/api/tags', 'chat' => '/api/chat' }.fetch(mode, '/chat/completions'))
Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == 'https', open_timeout: 3, read_timeout: 3) do |http|
  res = if mode == 'tags'
          http.get(uri.path)
        else
          http.post(uri.path, { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }.to_json, 'Content-Type' => 'application/json')
        end
  res.value
  puts res.body
end
