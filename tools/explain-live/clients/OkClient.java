// OkClient URL MODE: OkHttp 3 (LangChain4j's and Spring AI's transport), an
// uncaught exception, as a Java program that calls Ollama shows it.
import java.util.concurrent.TimeUnit;
import okhttp3.*;
public class OkClient {
  public static void main(String[] a) throws Exception {
    String url = a[0], mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    OkHttpClient c = new OkHttpClient.Builder().connectTimeout(3, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS).build();
    MediaType json = MediaType.parse("application/json");
    String chat = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
    Request.Builder b;
    if (mode.equals("tags")) b = new Request.Builder().url(url + "/api/tags");
    else if (mode.equals("chat")) b = new Request.Builder().url(url + "/api/chat").post(RequestBody.create(json, chat));
    else b = new Request.Builder().url(url + "/chat/completions").post(RequestBody.create(json, chat));
    try (Response r = c.newCall(b.build()).execute()) {
      String body = r.body().string();
      if (!r.isSuccessful()) throw new RuntimeException("Unexpected code " + r + ": " + body);
      System.out.println(body);
    }
  }
}
