package com.ocbridge.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the {@code filename} 1C sends (or a zip entry name) into a safe relative path below the run's folder.
 *
 * <p>1C on Windows may send {@code C:\v8_8789_c.xml}, on Linux its absolute temp path ({@code /tmp/…}), and
 * pictures as {@code import_files/ab/….jpg}. We keep the sub-folders (pictures are referenced by them), strip
 * drive letters, absolute prefixes and 1C's staging folders, and refuse anything that climbs out
 * ({@code ..}) or hides control characters. The result always uses {@code /}.
 */
public final class FileNames {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
  private static final int MAX_LENGTH = 255;
  private static final int MAX_DEPTH = 8;

  private FileNames() {}

  /** The safe relative name, or an {@link IllegalArgumentException} that says what is wrong (in Russian, for 1C). */
  public static String sanitize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("имя файла не передано (параметр filename пуст)");
    }
    String name = raw.strip().replace('\\', '/');
    name = DRIVE.matcher(name).replaceFirst("");
    // 1C's own staging folders before the part the site cares about (seen with Linux 1C and Bitrix peers).
    int webdata = name.toLowerCase(Locale.ROOT).lastIndexOf("/webdata/");
    if (webdata >= 0) {
      name = name.substring(webdata + "/webdata/".length());
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        throw new IllegalArgumentException("имя файла «" + printable(raw) + "» выходит за пределы папки обмена (..)");
      }
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c < 0x20 || c == 0x7f || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') {
          throw new IllegalArgumentException("имя файла «" + printable(raw) + "» содержит недопустимый символ"
              + " (управляющий символ или один из : * ? \" < > |)");
        }
      }
      parts.add(part);
    }
    // An absolute Linux path: drop the leading folders until a known exchange folder or the bare file name.
    boolean absolute = raw.strip().startsWith("/") || raw.strip().matches("^[A-Za-z]:.*");
    if (absolute || (parts.size() > 1 && parts.get(0).equalsIgnoreCase("tmp"))) {
      int keepFrom = parts.size() - 1;
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).equalsIgnoreCase("import_files")) {
          keepFrom = i;
          break;
        }
      }
      parts = new ArrayList<>(parts.subList(Math.max(0, keepFrom), parts.size()));
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("в имени «" + printable(raw) + "» нет имени файла, только папки");
    }
    if (parts.size() > MAX_DEPTH) {
      throw new IllegalArgumentException("имя файла «" + printable(raw) + "» вложено глубже " + MAX_DEPTH + " папок");
    }
    String result = String.join("/", parts);
    if (result.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("имя файла длиннее " + MAX_LENGTH + " символов");
    }
    return result;
  }

  public static boolean isZip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  public static boolean isXml(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  private static String printable(String raw) {
    StringBuilder sb = new StringBuilder();
    raw.codePoints().limit(120).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp)); else sb.appendCodePoint(cp);
    });
    return sb.toString();
  }
}
