// superagent: a request that fails prints the error object Node shows.
const request = require('superagent');
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
(async () => {
  let r;
  if (mode === 'tags') r = await request.get(url + '/api/tags').timeout(3000);
  else if (mode === 'chat') r = await request.post(url + '/api/chat').timeout(3000).send({ model, messages: [{ role: 'user', content: 'hi' }], stream: false });
  else r = await request.post(url + '/chat/completions').timeout(3000).send({ model, messages: [{ role: 'user', content: 'hi' }] });
  console.log(r.body);
})();
