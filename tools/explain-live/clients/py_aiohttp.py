import sys, os, asyncio, aiohttp
url, mode = sys.argv[1], sys.argv[2]
model = os.environ.get('MODEL', 'llama3')
async def main():
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3), trust_env=True) as s:
        if mode == 'tags':
            r = await s.get(url + '/api/tags')
        elif mode == 'chat':
            r = await s.post(url + '/api/chat', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}], 'stream': False})
        else:
            r = await s.post(url + '/chat/completions', json={'model': model, 'messages': [{'role': 'user', 'content': 'hi'}]})
        r.raise_for_status()
        print(await r.json())
asyncio.run(main())
