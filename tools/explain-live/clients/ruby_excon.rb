# ruby_excon.rb URL MODE: Excon, expecting 200, uncaught
require 'excon'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3.2')
path = { 'tags' => '/api/tags', 'chat' => '/api/chat' }.fetch(mode, '/chat/completions')
opts = { connect_timeout: 3, read_timeout: 3, write_timeout: 3, expects: [200] }
res = if mode == 'tags'
        Excon.get(url + path, opts)
      else
        Excon.post(url + path, opts.merge(body: { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }.to_json,
                                          headers: { 'Content-Type' => 'application/json' }))
      end
puts res.body
