package com.ocbridge.storage;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The JDBC coordinates of the database the service's pool uses, for the tools that only speak JDBC (Flyway). Built
 * from the parsed {@link PgConnectOptions}, not by rewriting the URL text, so every form of {@code database.url}
 * that the pool accepts works here too: user and password in the URL or as parameters, a {@code host=/folder}
 * parameter naming a Unix socket folder (PostgreSQL's {@code .s.PGSQL.<port>} in it), {@code sslmode}.
 *
 * @param url      a {@code jdbc:postgresql:} URL without credentials
 * @param user     the role to log in as
 * @param password null when the URL carries none
 * @param server   where the server is, for messages: {@code host:port/database} or the socket file and database
 */
public record JdbcTarget(String url, String user, String password, String server) {

  public static JdbcTarget from(String databaseUrl) {
    PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl);
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    String database = URLEncoder.encode(options.getDatabase(), StandardCharsets.UTF_8);
    String server;
    if (options.isUsingDomainSocket()) {
      // pgjdbc has no Unix socket support of its own: the socket factory connects to the file, the host is unused
      String socket = options.getHost() + "/.s.PGSQL." + options.getPort();
      server = socket + " database " + options.getDatabase();
      url.append("localhost/").append(database)
          .append("?socketFactory=").append(UnixSocketFactory.class.getName())
          .append("&socketFactoryArg=").append(URLEncoder.encode(socket, StandardCharsets.UTF_8))
          .append("&sslmode=disable");
    } else {
      String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
      SslMode ssl = options.getSslMode() == null ? SslMode.DISABLE : options.getSslMode();
      server = host + ":" + options.getPort() + "/" + options.getDatabase();
      url.append(host).append(':').append(options.getPort()).append('/').append(database)
          .append("?sslmode=").append(ssl.value);
    }
    String schema = options.getProperties().get("search_path");
    if (schema != null) url.append("&currentSchema=").append(URLEncoder.encode(schema, StandardCharsets.UTF_8));
    url.append("&ApplicationName=ocbridge-migrations");
    String password = options.getPassword() == null || options.getPassword().isEmpty() ? null : options.getPassword();
    return new JdbcTarget(url.toString(), options.getUser(), password, server);
  }

  /** Login properties for {@link java.sql.Driver#connect}. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) p.setProperty("password", password);
    return p;
  }

  /** Never shows the password (a record's own toString would). */
  @Override
  public String toString() {
    return server + " as user " + user;
  }
}
