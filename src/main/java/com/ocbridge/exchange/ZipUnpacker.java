package com.ocbridge.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.HashSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an archive 1C uploaded, safely: every entry name goes through {@link FileNames#sanitize} and must stay
 * inside the target folder (no zip-slip), and the number of entries, the total unpacked size and the compression
 * ratio are limited while bytes are actually written (headers can lie). Everything is first extracted into a
 * temporary folder and moved into place only when the whole archive passed, so a refused archive changes nothing;
 * two entries for one file (the same name after sanitising, compared without case) refuse the archive.
 *
 * <p>Blocking (java.util.zip): run it on a worker thread.
 */
public final class ZipUnpacker {
  public record Limits(int maxEntries, long maxTotalBytes, long maxRatio) {
    /** The entry count of {@code exchange.zipMaxEntries}'s default (see README); 16 GiB unpacked; 200:1 per file. */
    public static Limits defaults() {
      return withMaxEntries(20_000);
    }

    /** {@code exchange.zipMaxEntries}; the size and ratio limits stay as measured for 1C's archives. */
    public static Limits withMaxEntries(int maxEntries) {
      return new Limits(maxEntries, 16L * 1024 * 1024 * 1024, 200);
    }
  }

  public record Extracted(String name, long bytes) {}

  /** An archive we refuse on purpose (unsafe names, too big); the message is meant for the 1C operator. */
  public static final class UnsafeArchiveException extends IOException {
    UnsafeArchiveException(String message) {
      super(message);
    }
  }

  /** 1C's zip names without the UTF-8 flag are in the DOS Cyrillic code page. */
  private static final Charset ENTRY_NAMES = Charset.forName("IBM866");
  private static final long RATIO_FLOOR = 1024 * 1024;

  private final Limits limits;

  public ZipUnpacker(Limits limits) {
    this.limits = limits;
  }

  public List<Extracted> unpack(Path archive, Path targetDir) throws IOException {
    Path staging = targetDir.resolve(".unpacking-" + ExchangeStore.randomHex(4));
    List<Extracted> extracted = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile(), ENTRY_NAMES)) {
      Files.createDirectories(staging);
      if (zip.size() > limits.maxEntries()) {
        // counted from the central directory before anything is written: 100,000 tiny entries never reach the disk
        throw new UnsafeArchiveException("в архиве " + zip.size() + " файлов, больше допустимых " + limits.maxEntries()
            + " (exchange.zipMaxEntries)");
      }
      long total = 0;
      // names as the shop's disk (and 1C on Windows) compare them: two entries for one file would leave whichever
      // came last, silently, so the archive is refused instead
      Set<String> seen = new HashSet<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) continue;
        String name;
        try {
          name = FileNames.sanitize(entry.getName());
        } catch (IllegalArgumentException e) {
          throw new UnsafeArchiveException("недопустимое имя в архиве: " + e.getMessage());
        }
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
          throw new UnsafeArchiveException("файл «" + name + "» встречается в архиве дважды (запись «" + entry.getName()
              + "»)");
        }
        Path out = staging.resolve(name).normalize();
        if (!out.startsWith(staging)) {
          throw new UnsafeArchiveException("недопустимое имя в архиве: «" + entry.getName() + "» указывает за пределы папки");
        }
        Files.createDirectories(out.getParent());
        long written = copy(zip, entry, out, total);
        total += written;
        extracted.add(new Extracted(name, written));
      }
      for (Extracted e : extracted) {
        Path to = targetDir.resolve(e.name());
        Files.createDirectories(to.getParent());
        Files.move(staging.resolve(e.name()), to, StandardCopyOption.REPLACE_EXISTING);
      }
      return extracted;
    } catch (ZipException e) {
      // java.util.zip's own text is English and technical: it goes to the log (Reasons), 1C reads the sentence
      ZipException damaged = new ZipException("архив повреждён или не является zip-файлом");
      damaged.initCause(e);
      throw damaged;
    } finally {
      deleteTree(staging);
    }
  }

  private long copy(ZipFile zip, ZipEntry entry, Path out, long totalSoFar) throws IOException {
    long compressed = Math.max(1, entry.getCompressedSize());
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    try (InputStream in = zip.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        written += n;
        if (totalSoFar + written > limits.maxTotalBytes()) {
          throw new UnsafeArchiveException("архив распаковывается больше чем в " + limits.maxTotalBytes()
              + " байт (похоже на zip-бомбу)");
        }
        if (written > RATIO_FLOOR && written / compressed > limits.maxRatio()) {
          throw new UnsafeArchiveException("файл «" + entry.getName() + "» в архиве сжат более чем в " + limits.maxRatio()
              + " раз (похоже на zip-бомбу)");
        }
        os.write(buffer, 0, n);
      }
    }
    return written;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover staging folder is harmless and is not read
    }
  }
}
