// NettyClient URL MODE: a request on Netty 4.1 (the transport of reactor-netty,
// Spring's WebClient and Vert.x), its failure thrown uncaught as such a program
// shows it: Netty's own exceptions for the connection, TLS and a closed or
// silent connection; a status that is not 2xx as "HTTP <status>: <body>".
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.*;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.*;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.CharsetUtil;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
public class NettyClient {
  public static void main(String[] a) throws Throwable {
    String mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    URI u = new URI(a[0] + (mode.equals("tags") ? "/api/tags" : mode.equals("chat") ? "/api/chat" : "/chat/completions"));
    boolean tls = u.getScheme().equals("https");
    int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
    SslContext ssl = tls ? SslContextBuilder.forClient().build() : null;
    CompletableFuture<FullHttpResponse> done = new CompletableFuture<>();
    EventLoopGroup g = new NioEventLoopGroup(1);
    try {
      Bootstrap b = new Bootstrap().group(g).channel(NioSocketChannel.class)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
          .handler(new ChannelInitializer<Channel>() {
            @Override protected void initChannel(Channel ch) {
              if (ssl != null) ch.pipeline().addLast(ssl.newHandler(ch.alloc(), u.getHost(), port));
              ch.pipeline().addLast(new ReadTimeoutHandler(3), new HttpClientCodec(4096, 8192, 8192, true),
                  new HttpObjectAggregator(1 << 20), new SimpleChannelInboundHandler<FullHttpResponse>() {
                    @Override protected void channelRead0(ChannelHandlerContext c, FullHttpResponse r) {
                      done.complete(r.retainedDuplicate());
                    }
                    @Override public void exceptionCaught(ChannelHandlerContext c, Throwable t) {
                      done.completeExceptionally(t);
                      c.close();
                    }
                    @Override public void channelInactive(ChannelHandlerContext c) {
                      // after the event: an exception the codec or TLS raises on the close comes first
                      c.executor().execute(() -> done.completeExceptionally(new java.nio.channels.ClosedChannelException()));
                    }
                  });
            }
          });
      Channel ch = b.connect(u.getHost(), port).sync().channel();
      FullHttpRequest req;
      if (mode.equals("tags")) req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, u.getRawPath());
      else {
        String chat = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
        req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, u.getRawPath(),
                                         Unpooled.copiedBuffer(chat, CharsetUtil.UTF_8));
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
      }
      req.headers().set(HttpHeaderNames.HOST, u.getHost() + ":" + port);
      ch.writeAndFlush(req);
      FullHttpResponse r;
      try {
        r = done.get();
      } catch (ExecutionException e) {
        throw e.getCause();
      }
      if (r.decoderResult().isFailure()) throw r.decoderResult().cause(); // as reactor-netty does
      String body = r.content().toString(CharsetUtil.UTF_8);
      if (r.status().code() / 100 != 2) throw new RuntimeException("HTTP " + r.status() + ": " + body);
      System.out.println(body);
    } finally {
      g.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
