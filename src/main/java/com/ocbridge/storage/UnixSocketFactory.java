package com.ocbridge.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Lets pgjdbc (Flyway's driver) reach a PostgreSQL that listens on a Unix socket only, with the JDK's own Unix
 * domain channels (Java 16+) instead of a native library. pgjdbc instantiates it by name with the socket file as
 * {@code socketFactoryArg} (see {@link JdbcTarget}); the host and port it passes to {@code connect} are ignored.
 */
public final class UnixSocketFactory extends SocketFactory {
  private final Path socket;

  public UnixSocketFactory(String socketFile) {
    this.socket = Path.of(socketFile);
  }

  @Override
  public Socket createSocket() {
    return new ChannelSocket(socket);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    Socket s = createSocket();
    s.connect(null);
    return s;
  }

  /**
   * A {@link Socket} over a Unix domain {@link SocketChannel} (whose own {@code socket()} is unsupported). TCP
   * options are meaningless on a Unix socket and are accepted silently; pgjdbc sets them on every connection.
   */
  private static final class ChannelSocket extends Socket {
    private final Path path;
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;
    private int soTimeout;

    ChannelSocket(Path path) {
      this.path = path;
    }

    @Override
    public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(path));
      in = Channels.newInputStream(channel);
      out = Channels.newOutputStream(channel);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      if (in == null) throw new IOException("not connected to " + path);
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      if (out == null) throw new IOException("not connected to " + path);
      return out;
    }

    @Override
    public boolean isConnected() {
      return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return channel != null && !channel.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
      if (channel != null) channel.close();
    }

    @Override
    public void shutdownInput() throws IOException {
      channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void setTcpNoDelay(boolean on) {
      // not a TCP socket
    }

    @Override
    public void setKeepAlive(boolean on) {
      // not a TCP socket
    }

    @Override
    public void setSoTimeout(int timeout) {
      // blocking channel streams have no read timeout; Flyway's statements end on their own
      soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() {
      return soTimeout;
    }

    // the getters too: Socket's own would create (and leak) a TCP socket just to answer them
    @Override
    public boolean getTcpNoDelay() {
      return true;
    }

    @Override
    public boolean getKeepAlive() {
      return false;
    }

    @Override
    public int getReceiveBufferSize() {
      return 65_536;
    }

    @Override
    public int getSendBufferSize() {
      return 65_536;
    }

    @Override
    public void setReceiveBufferSize(int size) {
      // the kernel's default suits a local socket
    }

    @Override
    public void setSendBufferSize(int size) {
      // the kernel's default suits a local socket
    }
  }
}
