# ruby_restclient.rb URL MODE: rest-client, uncaught
require 'rest-client'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3.2')
path = { 'tags' => '/api/tags', 'chat' => '/api/chat' }.fetch(mode, '/chat/completions')
res = if mode == 'tags'
        RestClient::Request.execute(method: :get, url: url + path, open_timeout: 3, read_timeout: 3)
      else
        RestClient::Request.execute(method: :post, url: url + path, open_timeout: 3, read_timeout: 3,
                                    payload: { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }.to_json,
                                    headers: { content_type: :json })
      end
puts res.body
