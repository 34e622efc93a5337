package com.ocbridge.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date with Flyway: the SQL files under {@code db/migration} (classpath), named
 * {@code V<version>__<what>.sql}, each applied once, in version order, each in its own transaction, recorded in
 * {@code flyway_schema_history}. Flyway validates the applied files' checksums before migrating (a file changed
 * after it was applied is refused: history is never rewritten), and its lock serialises several instances starting
 * at once. {@code clean} (drop everything) is disabled: this database holds the service's only copy of its state.
 *
 * <p>A database migrated by the runner that came before Flyway (table {@code schema_migration}) is taken over in
 * place by {@link LegacyHistory} before Flyway migrates it.
 *
 * <p>Flyway is blocking JDBC: the work runs on a worker thread, never on an event loop.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  static final String LOCATION = "db/migration";

  private Migrations() {}

  /**
   * Migrates the database at {@code databaseUrl} (the {@code postgresql://} form the pool uses); answers how many
   * migrations ran. Fails with a one-line message that says what went wrong and what to do.
   */
  public static Future<Integer> apply(Vertx vertx, String databaseUrl) {
    JdbcTarget target;
    try {
      target = JdbcTarget.from(databaseUrl);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("database.url cannot be read: " + e.getMessage(), e));
    }
    return vertx.executeBlocking(() -> migrate(target), false);
  }

  /** Blocking. The connection is held until Flyway is done, so a takeover's lock cannot outlive a failure. */
  static int migrate(JdbcTarget target) {
    try (Connection c = connect(target)) {
      Flyway flyway = flyway(target, false);
      if (LegacyHistory.present(c)) {
        LegacyHistory.takeOver(flyway, c);
        if (LegacyHistory.hasGap(flyway)) flyway = flyway(target, true);
      }
      MigrateResult result = flyway.migrate();
      log.info("event=db.migrations.done applied={} version={}", result.migrationsExecuted,
          result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion);
      return result.migrationsExecuted;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the migration history of " + target + ": "
          + oneLine(e.getMessage()), e);
    } catch (FlywayValidateException e) {
      throw new IllegalStateException(validationAdvice(e.getMessage()), e);
    } catch (FlywayException e) {
      throw new IllegalStateException("a database migration failed: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Settings, and why: {@code outOfOrder} only while a database the old runner migrated lacks a migration numbered
   * below its newest one (that runner followed a hand-kept list, not version order: V300 came before V210); Flyway
   * must fill that gap instead of ignoring it. Every other database keeps the strict order.
   */
  static Flyway flyway(JdbcTarget target, boolean outOfOrder) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(target.url(), target.user(), target.password())
        .locations("classpath:" + LOCATION)
        .failOnMissingLocations(true)
        .validateOnMigrate(true)
        .cleanDisabled(true)
        .outOfOrder(outOfOrder)
        .baselineVersion("0")
        .baselineDescription(LegacyHistory.BASELINE_DESCRIPTION)
        .load();
  }

  /**
   * A JDBC connection, straight from the driver (no DriverManager: a shaded jar's service file is enough, but
   * this is one step fewer to go wrong). A refusal is the first sign that {@code database.url} is wrong.
   */
  static Connection connect(JdbcTarget target) {
    try {
      return new org.postgresql.Driver().connect(target.url(), target.properties());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + target + " to migrate its schema: "
          + oneLine(e.getMessage()) + "; check database.url (host, port, database, user, password)", e);
    }
  }

  private static String validationAdvice(String message) {
    // Flyway's own advice (repair, its blog) is dropped: the README says when repairing is right
    String details = oneLine(message == null ? null : message.lines()
        .filter(l -> !l.startsWith("Validate failed") && !l.startsWith("Either revert") && !l.startsWith("Need more"))
        .reduce("", (a, b) -> a + "\n" + b));
    if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("checksum mismatch")) {
      return "a migration in " + LOCATION + " was changed after it had been applied to this database (" + details
          + "); restore the file as it was and put the change in a new migration (see README, Migrations)";
    }
    return "the database's migration history does not match the migrations of this build (" + details
        + "); see README, Migrations";
  }

  /** Flyway's messages run over many lines with ruler lines between: one line for a log or a start-up error. */
  static String oneLine(String message) {
    if (message == null) return "";
    return message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.matches("-+"))
        .reduce((a, b) -> a + "; " + b).orElse("");
  }
}
