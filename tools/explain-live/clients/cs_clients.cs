// cs_clients.cs URL MODE [webrequest]: Mono's HttpClient (or the older WebRequest), exceptions uncaught
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;

class Program {
    static void Main(string[] args) {
        string url = args[0], mode = args[1];
        string model = Environment.GetEnvironmentVariable("MODEL") ?? "llama3.2";
        string path = mode == "tags" ? "/api/tags" : mode == "chat" ? "/api/chat" : "/chat/completions";
        string body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
        if (args.Length > 2 && args[2] == "webrequest") {
            var req = (HttpWebRequest)WebRequest.Create(url + path);
            req.Timeout = 3000;
            req.ReadWriteTimeout = 3000;
            if (mode != "tags") {
                req.Method = "POST";
                req.ContentType = "application/json";
                byte[] b = Encoding.UTF8.GetBytes(body);
                using (var s = req.GetRequestStream()) s.Write(b, 0, b.Length);
            }
            using (var resp = req.GetResponse())
            using (var r = new StreamReader(resp.GetResponseStream())) Console.WriteLine(r.ReadToEnd());
            return;
        }
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        HttpResponseMessage res = mode == "tags" ? client.GetAsync(url + path).Result
            : client.PostAsync(url + path, new StringContent(body, Encoding.UTF8, "application/json")).Result;
        res.EnsureSuccessStatusCode();
        Console.WriteLine(res.Content.ReadAsStringAsync().Result);
    }
}
