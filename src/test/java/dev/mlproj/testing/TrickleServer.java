package dev.mlproj.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server that never finishes an answer: it sends one byte of a response every {@code everyMillis},
 * so a client's read timeout (which measures silence) never fires. Issue 16.7's hostile clone server.
 */
public final class TrickleServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    public TrickleServer(long everyMillis) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread t = new Thread(() -> trickle(client, everyMillis, socket), "trickle-client");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "trickle-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void trickle(Socket client, long everyMillis, ServerSocket server) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            int state = 0; // read the request head: up to \r\n\r\n
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\n"
                    + "X-Padding: " + "a".repeat(100_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (byte b : head) {
                if (server.isClosed()) {
                    return; // the test is over
                }
                out.write(b);
                out.flush();
                Thread.sleep(everyMillis);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: that is the point
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/" + path;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
