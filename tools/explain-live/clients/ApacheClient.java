// ApacheClient URL MODE: Apache HttpClient 4.5, an uncaught exception.
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.*;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.*;
import org.apache.http.util.EntityUtils;
public class ApacheClient {
  public static void main(String[] a) throws Exception {
    String url = a[0], mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    RequestConfig rc = RequestConfig.custom().setConnectTimeout(3000).setSocketTimeout(3000).build();
    String chat = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
    HttpRequestBase req;
    if (mode.equals("tags")) req = new HttpGet(url + "/api/tags");
    else {
      HttpPost p = new HttpPost(url + (mode.equals("chat") ? "/api/chat" : "/chat/completions"));
      p.setEntity(new StringEntity(chat, ContentType.APPLICATION_JSON));
      req = p;
    }
    try (CloseableHttpClient c = HttpClients.custom().setDefaultRequestConfig(rc).useSystemProperties().build();
         CloseableHttpResponse r = c.execute(req)) {
      String body = EntityUtils.toString(r.getEntity());
      if (r.getStatusLine().getStatusCode() >= 400) throw new RuntimeException("Ollama returned " + r.getStatusLine() + ": " + body);
      System.out.println(body);
    }
  }
}
