# ruby_faraday.rb URL MODE: Faraday with raise_error, uncaught (ruby-openai's and langchainrb's transport)
require 'faraday'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3.2')
path = { 'tags' => '/api/tags', 'chat' => '/api/chat' }.fetch(mode, '/chat/completions')
conn = Faraday.new(url: url, request: { open_timeout: 3, timeout: 3 }) { |f| f.response :raise_error }
res = if mode == 'tags'
        conn.get(path)
      else
        conn.post(path, { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }.to_json, 'Content-Type' => 'application/json')
      end
puts res.body
