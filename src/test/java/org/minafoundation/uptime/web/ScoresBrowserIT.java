package org.minafoundation.uptime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.ScoresServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The scores pages in a real headless Chromium (Debian's chromium and chromium-driver; the
 * browser profile runs this, .ci/run installs them): the leaderboard shows its rows and
 * searches, a producer's page draws its chart with data and shows the batch strip.
 * Screenshots go to target/screenshots/.
 */
class ScoresBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static ScoresServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = ScoresServer.overGolden(GoldenRun.prepare("midnight-40"), processed -> { });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theLeaderboardShowsItsRowsAndSearches() throws Exception {
        browser.get(url("/"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#leaderboard tbody tr"));
        assertEquals(39, rows.size());
        String key = rows.get(5).findElements(By.tagName("td")).get(1).getText();
        screenshot("leaderboard");

        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(key.substring(8, 24));
        search.submit();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("q="));
        List<WebElement> found = browser.findElements(By.cssSelector("#leaderboard tbody tr"));
        assertEquals(1, found.size());
        assertEquals(key, found.get(0).findElements(By.tagName("td")).get(1).getText());
        screenshot("leaderboard-search");
    }

    @Test
    void aProducersPageDrawsItsChartAndShowsTheStrip() throws Exception {
        browser.get(url("/"));
        WebElement first = browser.findElement(By.cssSelector("#leaderboard tbody tr td.key a"));
        String key = first.getText();
        first.click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/producers/" + key));
        WebElement chart = browser.findElement(By.id("score-chart"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "true".equals(chart.getDomAttribute("data-drawn")));
        Object points = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(document.getElementById('score-chart')).data.datasets[0].data.length");
        assertEquals(6L, points, "the chart has the producer's six history points");
        assertTrue(chart.getSize().getHeight() > 100 && chart.getSize().getWidth() > 300, "the chart is drawn large");
        List<WebElement> cells = browser.findElements(By.cssSelector("#strip a"));
        assertEquals(6, cells.size());
        assertTrue(cells.stream().allMatch(WebElement::isDisplayed));
        assertEquals(3, browser.findElements(By.cssSelector("#batches tbody tr")).size());
        screenshot("producer");
    }
}
