# ruby_httparty.rb URL MODE: HTTParty, an error status raised as a script does
require 'httparty'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3.2')
path = { 'tags' => '/api/tags', 'chat' => '/api/chat' }.fetch(mode, '/chat/completions')
res = if mode == 'tags'
        HTTParty.get(url + path, timeout: 3)
      else
        HTTParty.post(url + path, body: { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }.to_json,
                                  headers: { 'Content-Type' => 'application/json' }, timeout: 3)
      end
raise "Ollama request failed (#{res.code}): #{res.body}" unless res.success?
puts res.body
