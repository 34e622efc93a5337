package com.ocbridge.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dataDir/pgdata} was made by another PostgreSQL major version than the one this build embeds: the server
 * cannot open it (PostgreSQL's on-disk format changes between major versions), so the service refuses to start with
 * one line that says what to do, instead of a start-up timeout. The message is for the operator, as is.
 */
public final class IncompatibleDataFolder extends IOException {
  /** The PostgreSQL major version of the bundled binaries (pom.xml, {@code postgres.binaries.version}). */
  public static final int EMBEDDED_MAJOR = 17;

  private IncompatibleDataFolder(String message) {
    super(message);
  }

  /** Throws when {@code pgdata/PG_VERSION} names another major version than {@link #EMBEDDED_MAJOR}. */
  static void check(Path dataDir, Path pgdata) throws IOException {
    Path versionFile = pgdata.resolve("PG_VERSION");
    if (!Files.exists(versionFile)) return;
    String found = Files.readString(versionFile, StandardCharsets.US_ASCII).trim();
    if (found.equals(Integer.toString(EMBEDDED_MAJOR))) return;
    String where = pgdata + " (database.url=embedded)";
    if (older(found)) {
      throw new IncompatibleDataFolder(where + " holds PostgreSQL " + found + " data, but this release embeds"
          + " PostgreSQL " + EMBEDDED_MAJOR + ", which cannot open it: stop the service and run"
          + " scripts/upgrade-embedded-db " + dataDir + " <ocbridge.jar of the previous release> (it copies the data"
          + " into PostgreSQL " + EMBEDDED_MAJOR + " and keeps the old folder as pgdata.pg" + found + "), then start"
          + " the service again; or move " + pgdata + " away to start with an empty database");
    }
    throw new IncompatibleDataFolder(where + " holds PostgreSQL " + found + " data, made by a newer release than"
        + " this one (PostgreSQL " + EMBEDDED_MAJOR + "): start that newer release on it, or move " + pgdata
        + " away to start with an empty database");
  }

  private static boolean older(String found) {
    try {
      return Integer.parseInt(found.contains(".") ? found.substring(0, found.indexOf('.')) : found) < EMBEDDED_MAJOR;
    } catch (NumberFormatException e) {
      return true; // not a version PostgreSQL writes; the upgrade advice is the safer one to give
    }
  }
}
