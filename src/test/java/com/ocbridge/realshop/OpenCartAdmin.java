package com.ocbridge.realshop;

import com.ocbridge.testing.RealShop;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop owner in OpenCart's admin, over HTTP as a browser does it (cookies kept; the login flow of
 * {@code scripts/realshop}): 4.x takes a {@code login_token} from the login page and answers the form post with JSON
 * naming the {@code user_token}; 3.x posts the classic form and redirects to a URL holding it.
 */
final class OpenCartAdmin {
  private static final Pattern LOGIN_TOKEN = Pattern.compile("login_token=([a-f0-9]+)");
  private static final Pattern USER_TOKEN = Pattern.compile("user_token=([A-Za-z0-9]+)");

  /** One fetched admin page: status, Content-Type and the body decoded as UTF-8. */
  record Page(int status, String contentType, String html) {}

  private final RealShop shop;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String userToken;

  OpenCartAdmin(RealShop shop) {
    this.shop = shop;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Logs in as the descriptor's admin; answers the user_token the admin's URLs carry. */
  String login() throws IOException, InterruptedException {
    String base = adminUrl();
    String form = "username=" + enc(shop.admin().username()) + "&password=" + enc(shop.admin().password());
    HttpResponse<String> loginPage = send(get(base + "?route=common/login"));
    HttpResponse<String> answer;
    if (shop.is4x()) {
      Matcher lt = LOGIN_TOKEN.matcher(loginPage.body());
      if (!lt.find()) throw new AssertionError(shop.key() + ": no login_token in the 4.x login page");
      answer = send(post(base + "?route=common/login.login&login_token=" + lt.group(1), form));
    } else {
      answer = send(post(base + "?route=common/login", form));
    }
    String where = answer.headers().firstValue("Location").orElse("") + " " + answer.body();
    Matcher ut = USER_TOKEN.matcher(where);
    if (!ut.find()) {
      throw new AssertionError(shop.key() + ": the admin login gave no user_token (HTTP " + answer.statusCode() + "): "
          + where.substring(0, Math.min(where.length(), 500)));
    }
    userToken = ut.group(1);
    return userToken;
  }

  /** The extension's admin page (Extensions › Modules › OCBridge); {@code query} is added as it is ("" for none). */
  Page extensionPage(String query) throws IOException, InterruptedException {
    String route = shop.is4x() ? "extension/ocbridge/module/ocbridge" : "extension/module/ocbridge";
    HttpResponse<String> r = send(get(adminUrl() + "?route=" + route + "&user_token=" + userToken + query));
    return new Page(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /**
   * Posts the extension page's settings form as the browser does: on 4.x to its ajax save action (answered with
   * JSON), on 3.x to the page itself (answered with a redirect back to it, or the page again with the error).
   */
  HttpResponse<String> saveExtensionSettings(String form) throws IOException, InterruptedException {
    String route = shop.is4x() ? "extension/ocbridge/module/ocbridge.save" : "extension/module/ocbridge";
    return send(post(adminUrl() + "?route=" + route + "&user_token=" + userToken, form));
  }

  /** A cookie for the admin's host, as OpenCart 4.1's language switch in the admin header sets {@code language}. */
  void setCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(shop.baseUrl()), cookie);
  }

  private String adminUrl() {
    String url = shop.admin().url();
    return (url.endsWith("/") ? url : url + "/") + "index.php";
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
  }

  private static HttpRequest post(String url, String form) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
