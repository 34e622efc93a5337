package com.ocbridge.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sets the password of a data folder made by an earlier release (trust, no password) while no server runs on it,
 * with {@code postgres --single}: no network, so the folder is never reachable without a password, not even for
 * the seconds a conversion takes. zonky cannot do this itself: it only ever starts a server that listens.
 *
 * <p>The binary is the one zonky unpacked: zonky keeps that folder per JVM (its static {@code PREPARE_BINARIES}, so
 * the first start of a JVM decides where), and names it {@code <working folder>/PG-<md5 of the bundle>}
 * (EmbeddedPostgres.prepareBinaries). Like zonky's commands, it runs through {@code unshare -U} when the JVM is root
 * (PostgreSQL refuses to run as root).
 */
final class SingleUserMode {
  private SingleUserMode() {}

  static void setPassword(Path workingDir, Path pgdata, String verifier) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U"));
    command.addAll(List.of(postgres(workingDir).toString(), "--single", "-D", pgdata.toString(),
        "-c", "password_encryption=scram-sha-256", PrivateAccess.USER));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(("ALTER ROLE " + PrivateAccess.USER + " PASSWORD '" + verifier + "'\n")
          .getBytes(StandardCharsets.US_ASCII));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while setting the embedded server's password", e);
    }
    // single-user mode reports a failed statement on its output but may still exit 0
    if (exit != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
      throw new IOException("could not set the password of the embedded PostgreSQL in " + pgdata + " (exit " + exit
          + "): " + output.replace(verifier, "***").strip());
    }
  }

  private static Path postgres(Path workingDir) throws IOException {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "postgres.exe"
        : "postgres";
    Optional<Path> cached = unpackedByZonky();
    Path binary = (cached.isPresent() ? cached.get() : unpackedInto(workingDir)).resolve("bin").resolve(name);
    if (!Files.isExecutable(binary)) throw new IOException("the unpacked PostgreSQL is not where zonky puts it: " + binary);
    return binary;
  }

  /** The folder zonky unpacked the bundle into in this JVM, read from its cache (empty if zonky changed). */
  private static Optional<Path> unpackedByZonky() {
    try {
      Field cache = EmbeddedPostgres.class.getDeclaredField("PREPARE_BINARIES");
      cache.setAccessible(true);
      Object dir = ((Map<?, ?>) cache.get(null)).get(DefaultPostgresBinaryResolver.INSTANCE);
      return dir instanceof File f ? Optional.of(f.toPath()) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code <workingDir>/PG-<md5>}, as zonky names the folder it unpacks the bundle into. */
  private static Path unpackedInto(Path workingDir) throws IOException {
    String osName = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system = osName.startsWith("windows") ? "Windows" : osName.startsWith("mac") ? "Darwin" : "Linux";
    String arch = System.getProperty("os.arch");
    String machine = "amd64".equals(arch) ? "x86_64" : arch;
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream bundle = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
        DigestInputStream digesting = new DigestInputStream(bundle, md5)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return workingDir.resolve("PG-" + HexFormat.of().formatHex(md5.digest()));
  }
}
