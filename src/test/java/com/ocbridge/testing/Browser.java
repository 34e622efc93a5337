package com.ocbridge.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by {@code .ci/run})
 * driven through Selenium. Selenium Manager is never asked to download a browser: the binaries are given. Where
 * they are missing the test is skipped with a message saying how to install them. Screenshots go to
 * {@code target/console-screenshots/} (the path is printed, so a person can look).
 */
public final class Browser implements AutoCloseable {
  public static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
  private static final Path CHROMIUM = Path.of(System.getProperty("ocbridge.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getProperty("ocbridge.chromedriver", "/usr/bin/chromedriver"));
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  private Browser(String base) throws IOException {
    this.base = base;
    profile = Files.createTempDirectory("ocbridge-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // the flags that were seen to work here: without the background-networking ones Chromium keeps trying Google's
    // hosts through this machine's closed network
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900", "--lang=ru-RU", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /** Opens a browser for pages under {@code base} (http://127.0.0.1:port), or skips the test saying why. */
  public static Browser open(String base) throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "browser tests skip: " + CHROMIUM + " or "
        + DRIVER + " is missing (apt-get install chromium chromium-driver; .ci/run installs them)");
    return new Browser(base);
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String path) {
    driver.get(base + path);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Waits (up to {@code seconds}) until {@code condition} answers non-null / true, and answers that. */
  public <T> T await(int seconds, String what, Function<WebDriver, T> condition) {
    // the console re-renders live views every 2 s: an element found a moment ago may be gone, so look again
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200)).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** The element matching {@code css} once it is shown and its text contains {@code text}. */
  public WebElement awaitText(int seconds, String css, String text) {
    return await(seconds, css + " shows \"" + text + "\"", d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
  }

  /** Saves a screenshot as {@code target/console-screenshots/<name>.png} and prints where. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      System.out.println("screenshot: " + file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder
      }
    }
  }
}
