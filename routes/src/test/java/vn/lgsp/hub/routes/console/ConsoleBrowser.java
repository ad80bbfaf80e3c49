package vn.lgsp.hub.routes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromium-driver (installed by {@code .ci/install-tools}), with the
 * few steps the console tests repeat: log in, open a page, wait for it, take a screenshot.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    public final ChromeDriver driver;
    private final String base;

    ConsoleBrowser(int opsPort) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=vi", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://127.0.0.1:" + opsPort;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * A browser for the operator console on {@code opsPort}; aborts the test (skipped) when chromium is not
     * installed on a developer machine, fails it in CI, where {@code .ci/install-tools} installs both.
     */
    public static ConsoleBrowser startOrSkip(int opsPort) {
        if (!installed()) {
            assertThat(System.getenv("CI")).as("chromium and chromium-driver must be installed in CI").isNull();
            Assumptions.abort("chromium and chromium-driver are not installed (run .ci/install-tools)");
        }
        return new ConsoleBrowser(opsPort);
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Opens a console page (hash route) and waits until its content is loaded. */
    public void page(String route) {
        List<WebElement> current = driver.findElements(By.id("page"));
        String before = current.isEmpty() ? null : current.get(0).getDomAttribute("data-loaded");
        String url = base + "/console/#/" + route;
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
        waitUntil(d -> {
            WebElement main = d.findElement(By.id("page"));
            String loaded = main.getDomAttribute("data-loaded");
            return loaded != null && !loaded.equals(before) && main.getDomAttribute("data-page") != null && route.startsWith(main.getDomAttribute("data-page"));
        });
    }

    /** Logs in through the form and waits for the console (or stays on the login page when refused). */
    public void login(String username, String password) {
        open("/console/login");
        waitUntil(d -> "true".equals(d.findElement(By.id("login-form")).getDomAttribute("data-ready")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitUntil(d -> d.getCurrentUrl().contains("?error") || !d.findElements(By.id("user")).isEmpty()
                && !d.findElement(By.id("user")).getText().isEmpty());
    }

    public void logout() {
        driver.findElement(By.id("logout")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/console/login?logout"));
    }

    public WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Clicks a button that asks for confirmation and accepts it. */
    public void clickAndConfirm(WebElement button) {
        button.click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Runs a script that ends by calling its callback (the last argument) and returns what it passed. */
    public Object async(String script) {
        return driver.executeAsyncScript(script);
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // the whole page: the window grows to the page's height for the shot
            Dimension window = driver.manage().window().getSize();
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 140,
                    window.getHeight()), 2400)));
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(window);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
