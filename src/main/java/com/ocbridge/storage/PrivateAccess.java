package com.ocbridge.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the embedded PostgreSQL private to the service (issue 16): any local user could connect to the old
 * server as superuser ({@code trust}) and run {@code COPY ... TO PROGRAM} with the service's rights.
 *
 * <p>Everything lives in {@code <home>/pgprivate}, a folder only the service's user may enter (0700): the generated
 * password ({@code password}, 0600, never logged), the server's Unix socket and the unpacked binaries. The server
 * takes password (SCRAM-SHA-256) connections only, from 127.0.0.1 and from that socket; {@code pg_hba.conf} is
 * rewritten at every start, so a folder of an earlier release (trust for everyone) loses its trust lines.
 *
 * <p>A new password is first written to {@code password.new}; it becomes {@code password} only once the server
 * knows it ({@link #confirm()}), so a start that fails half-way sets the same password again next time.
 */
final class PrivateAccess {
  private static final Logger log = LoggerFactory.getLogger(PrivateAccess.class);
  static final String FOLDER = "pgprivate";
  static final String USER = "postgres";
  /** The longest Unix socket path the kernel takes (sun_path is 108 bytes with the closing NUL). */
  private static final int MAX_SOCKET_PATH = 107;
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final String HBA = """
      # Written by OCBridge at every start of its embedded PostgreSQL: password (SCRAM-SHA-256) connections of the
      # service's own user only, no trust lines, no replication. The password is in ../pgprivate/password.
      local   all   postgres                  scram-sha-256
      host    all   postgres   127.0.0.1/32   scram-sha-256
      """;

  private final Path folder;
  private final String password;
  private volatile boolean confirmed;

  private PrivateAccess(Path folder, String password, boolean confirmed) {
    this.folder = folder;
    this.password = password;
    this.confirmed = confirmed;
  }

  /** Opens {@code <home>/pgprivate} (made 0700), reading its password or generating one (SecureRandom). */
  static PrivateAccess open(Path home) throws IOException {
    Path folder = home.toAbsolutePath().resolve(FOLDER);
    Files.createDirectories(folder);
    restrict(folder, OWNER_ONLY_DIR);
    Path file = folder.resolve("password");
    if (Files.exists(file)) {
      restrict(file, OWNER_ONLY_FILE);
      return new PrivateAccess(folder, Files.readString(file, StandardCharsets.US_ASCII).trim(), true);
    }
    Path pending = folder.resolve("password.new");
    if (Files.exists(pending)) {
      return new PrivateAccess(folder, Files.readString(pending, StandardCharsets.US_ASCII).trim(), false);
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    // base64url: ASCII letters, digits, '-' and '_', so the password needs no escaping in a URL or a pwfile
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    writeOwnerOnly(pending, password + "\n");
    return new PrivateAccess(folder, password, false);
  }

  String password() {
    return password;
  }

  /** Whether the server already has this password (false: new, or a folder of an earlier release). */
  boolean confirmed() {
    return confirmed;
  }

  /** The file {@code initdb --pwfile} reads while the password is not yet confirmed. */
  Path pendingFile() {
    return folder.resolve("password.new");
  }

  Path passwordFile() {
    return folder.resolve("password");
  }

  /** Where zonky unpacks the PostgreSQL binaries: inside the private folder, not in the shared /tmp. */
  /** The private folder: the password file, the binaries and the server's Unix socket. */
  Path folder() {
    return folder;
  }

  Path binaries() {
    return folder.resolve("bin");
  }

  /** zonky makes its working folder writable for everyone; the 0700 parent keeps others out, and so does this. */
  void restrictBinaries() throws IOException {
    if (Files.isDirectory(binaries())) restrict(binaries(), OWNER_ONLY_DIR);
  }

  /** The server knows the password: {@code password.new} becomes {@code password}. */
  void confirm() throws IOException {
    if (confirmed) return;
    Files.move(pendingFile(), passwordFile(), StandardCopyOption.ATOMIC_MOVE);
    confirmed = true;
  }

  void writeHba(Path pgdata) throws IOException {
    Files.writeString(pgdata.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
  }

  /** Settings given to the server at every start ({@code -c}), over whatever the folder's postgresql.conf says. */
  Map<String, String> serverConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("listen_addresses", "127.0.0.1");
    config.put("password_encryption", "scram-sha-256");
    String socketDir = folder.toString();
    if (socketDir.length() + "/.s.PGSQL.65535".length() > MAX_SOCKET_PATH) {
      log.warn("event=db.embedded.no_socket dir={}: the path is too long for a Unix socket; TCP on 127.0.0.1 only",
          socketDir);
      socketDir = "";
    }
    config.put("unix_socket_directories", shellQuoted(socketDir));
    return config;
  }

  /** pg_ctl hands the server's options to {@code /bin/sh}: a folder name with spaces or quotes must stay whole. */
  private static String shellQuoted(String value) {
    if (!value.isEmpty() && value.matches("[A-Za-z0-9/._+-]+")) return value;
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (posix()) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    } else {
      Files.createFile(temp);
    }
    Files.writeString(temp, text, StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix()) Files.setPosixFilePermissions(path, permissions);
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
