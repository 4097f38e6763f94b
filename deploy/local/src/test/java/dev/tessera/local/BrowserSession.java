package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the portal's browser tests, with a fixed window size so screenshots
 * and layouts are the same on every run. The browser and its driver are found on the PATH (Debian's
 * {@code chromium} and {@code chromium-driver} packages, which {@code .ci/run} installs, or Google
 * Chrome with a matching chromedriver); a machine without them fails the test with the command that
 * installs them, never skips it. Nothing is downloaded.
 */
final class BrowserSession implements AutoCloseable {

    static final Dimension WINDOW = new Dimension(1280, 900);
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final List<String> BROWSERS =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");

    final ChromeDriver driver;
    final WebDriverWait wait;

    private BrowserSession(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    static BrowserSession open() {
        Path chromedriver =
                onPath("chromedriver").orElseThrow(() -> new IllegalStateException(missing("chromedriver")));
        Path browser = BROWSERS.stream()
                .map(BrowserSession::onPath)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(missing("a Chrome or Chromium browser")));
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--lang=en-US",
                        "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        return new BrowserSession(driver);
    }

    /** Signs in on the real Keycloak login page the portal redirected the browser to. */
    void signIn(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Waits for an element; when it never shows, fails with the page the browser is on instead. */
    WebElement visible(By by) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "no visible " + by + " within " + WAIT + " on " + driver.getCurrentUrl() + ":\n"
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    /** Saves a screenshot of the whole window as a PNG (for docs/images). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String missing(String what) {
        return "The portal's browser tests need " + what + " on the PATH. On Debian or Ubuntu: `sudo apt-get install"
                + " -y chromium chromium-driver`; elsewhere install Google Chrome and the chromedriver of the same"
                + " version (https://googlechromelabs.github.io/chrome-for-testing/) and put both on the PATH.";
    }

    /** axe-core's tags for the WCAG 2.0, 2.1 and 2.2 A and AA rules. */
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /** Runs axe-core's WCAG 2.2 AA rules on the page shown and fails on any serious or critical violation. */
    void assertNoSeriousViolations(String page) {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(driver);
        List<String> serious = results.getViolations().stream()
                .filter((Rule r) -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + ": " + r.getHelp() + " "
                        + r.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .toList())
                .toList();
        assertThat(serious)
                .as("serious or critical WCAG 2.2 AA violations on the " + page + " page")
                .isEmpty();
    }
}
