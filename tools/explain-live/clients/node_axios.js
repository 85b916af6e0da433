const axios = require('axios');
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
(async () => {
  let r;
  if (mode === 'tags') r = await axios.get(url + '/api/tags', { timeout: 3000 });
  else if (mode === 'chat') r = await axios.post(url + '/api/chat', { model, messages: [{ role: 'user', content: 'hi' }], stream: false }, { timeout: 3000 });
  else r = await axios.post(url + '/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] }, { timeout: 3000 });
  console.log(r.data);
})();
