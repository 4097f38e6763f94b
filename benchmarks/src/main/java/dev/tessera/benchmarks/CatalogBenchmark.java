package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.catalog.search.service.SearchRequest;
import dev.tessera.catalog.search.service.SearchService;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

/**
 * Catalog search and freshness on 100,000 generated products (seed 7). Search latency through the HTTP
 * API (token check, authorization filter, facets, highlighting, JSON) beside the same search run directly
 * on the service's Lucene files in this process; event-to-searchable latency (produce a product change,
 * poll the API until it is found) beside a raw Kafka produce-to-consume round trip.
 *
 * <p>Products have names of two to four words from a 3,000-word vocabulary, one in fifty a 60-character
 * technical name, and nine in ten mention "data" (the hot term). They reach the service through
 * {@code tessera.products} like registry events; the ingest time of the whole estate is reported, and a
 * full rebuild from the topics is timed too.
 */
final class CatalogBenchmark {

    private static final int PRODUCTS = Integer.getInteger("bench.products", 100_000);
    // p99 of 300 samples is the third-slowest request; 1,000 make it the tenth.
    private static final int SAMPLES = Integer.getInteger("bench.querySamples", 1_000);
    // Search code paths need a few hundred calls before the JIT has compiled them on both sides.
    private static final int SEARCH_WARMUP = Integer.getInteger("bench.catalog.searchWarmup", 500);
    private static final int FRESHNESS_SAMPLES = Integer.getInteger("bench.events", 200);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The term nine products in ten were generated to mention; the run measures the share. */
    private static final String HOT_TERM = "data";

    private static final java.util.regex.Pattern HOT_WORD =
            java.util.regex.Pattern.compile("\\b" + HOT_TERM + "\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    /**
     * How long one product change may take to become searchable before the run fails: far beyond
     * the 500 ms goal, so only a hang or a broken consumer reaches it, and the run ends instead of
     * waiting for ever.
     */
    private static final Duration FRESHNESS_DEADLINE = Duration.ofSeconds(30);

    private final Path root;
    private final Random random = new Random(7);
    private double hotShare = Double.NaN;
    private final List<String> vocabulary = new ArrayList<>();
    private final List<String> longNames = new ArrayList<>();

    CatalogBenchmark(Path root) {
        this.root = root;
        String syllables = "ka lo mi ne su ra to vi be do fa gu hi ju ke li mo nu pa qu re si tu ve wa xo yu ze";
        String[] s = syllables.split(" ");
        while (vocabulary.size() < 3000) {
            String word = s[random.nextInt(s.length)] + s[random.nextInt(s.length)] + s[random.nextInt(s.length)];
            if (!vocabulary.contains(word)) {
                vocabulary.add(word);
            }
        }
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "catalog", "catalog")) {
            EmbeddedKafka kafka = env.kafka();
            kafka.createTopics(
                    Map.of(
                            Topics.PRODUCTS,
                            true,
                            Topics.GOVERNANCE,
                            false,
                            Topics.LINEAGE,
                            false,
                            Topics.ACCESS,
                            false),
                    3);
            Path indexDir = env.work().resolve("index");
            Map<String, String> settings = ServiceProcess.settings(env, "catalog");
            settings.put("tessera.catalog.index.dir", indexDir.toString());
            settings.put("tessera.catalog.webhooks.secret-key", ServiceProcess.randomKey());
            settings.put("quarkus.log.category.\"dev.tessera.catalog\".level", "INFO");
            try (ServiceProcess catalog = ServiceProcess.start(
                            root,
                            "catalog-service",
                            FreePorts.next(),
                            settings,
                            env.work().resolve("logs"));
                    KafkaProducer<String, String> producer = producer(kafka)) {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                String token = TestTokens.dataConsumer();

                long t0 = System.nanoTime();
                int withHotTerm = 0;
                try (KafkaProducer<String, String> bulk = bulkProducer(kafka)) {
                    for (int i = 0; i < PRODUCTS; i++) {
                        ProductStateV1 state = product(i, 1);
                        if (mentions(state)) {
                            withHotTerm++;
                        }
                        bulk.send(record(state));
                    }
                    bulk.flush();
                }
                hotShare = 100.0 * withHotTerm / PRODUCTS;
                System.out.printf(
                        "%d product events produced in %.1f s; %.1f%% of the products mention \"%s\"%n",
                        PRODUCTS, seconds(System.nanoTime() - t0), hotShare, HOT_TERM);
                awaitTotal(http, catalog, token, "", PRODUCTS, Duration.ofMinutes(30));
                double ingestSeconds = seconds(System.nanoTime() - t0);
                System.out.printf(
                        "All %d products searchable after %.1f s (load average %s)%n",
                        PRODUCTS, ingestSeconds, loadAverage());

                int hotMatches = JSON.readTree(apiSearch(http, catalog, token, HOT_TERM))
                        .path("total")
                        .asInt();
                System.out.printf(
                        "A search for \"%s\" matches %d of %d products (%.1f%%)%n",
                        HOT_TERM, hotMatches, PRODUCTS, 100.0 * hotMatches / PRODUCTS);
                settle(catalog);
                ResultTable table = new ResultTable("catalog: " + PRODUCTS + " products; live ingest of all "
                        + String.format("%.0f s (%.0f events/s)", ingestSeconds, PRODUCTS / ingestSeconds));
                try (FSDirectory dir = FSDirectory.open(currentGeneration(indexDir));
                        DirectoryReader reader = DirectoryReader.open(dir)) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    // How the index lies decides part of a search's cost, and it differs between runs.
                    System.out.printf(
                            "index searched by the floor: %d segments, %d documents, %d deleted%n",
                            reader.leaves().size(), reader.maxDoc(), reader.numDeletedDocs());
                    Visibility consumer = new Visibility(false, Set.of());
                    searches(http, catalog, token, searcher, consumer, table);
                }
                freshness(http, catalog, token, producer, kafka, table);
                reconciliation(http, catalog, table);
                rebuild(http, catalog, table);
                System.out.println("Tracing: " + ServiceProcess.tracingNote(env) + "; PostgreSQL " + env.commits());
                table.print();
            }
        }
    }

    private void searches(
            HttpClient http,
            ServiceProcess catalog,
            String token,
            IndexSearcher searcher,
            Visibility visibility,
            ResultTable table)
            throws Exception {
        Supplier<String> ordinary = () -> vocabulary.get(random.nextInt(vocabulary.size()));
        Supplier<String> hot = () -> HOT_TERM;
        Supplier<String> typo = () -> typo(longNames.get(random.nextInt(longNames.size())));
        record Scenario(String name, Supplier<String> query, double p99GoalMillis) {}
        for (Scenario s : List.of(
                new Scenario("ordinary term", ordinary, 25),
                new Scenario(String.format("hot term (in %.1f%% of products, measured)", hotShare), hot, 50),
                new Scenario("60-char name with 2 typos", typo, 100))) {
            // Both sides run the same queries: same text, page size 20, relevance, every facet, no filter.
            for (int warm = 0; warm < SEARCH_WARMUP; warm++) {
                String q = s.query().get();
                apiSearch(http, catalog, token, q);
                SearchService.luceneOnly(searcher.getIndexReader(), true, request(q), visibility);
                SearchService.luceneOnly(searcher.getIndexReader(), false, request(q), visibility);
            }
            String loadBefore = loadAverage();
            double[] serverBefore = serverSearchTime(http, catalog);
            long[] api = new long[SAMPLES];
            long[] lucene = new long[SAMPLES];
            long[] oneThread = new long[SAMPLES];
            long found = 0;
            for (int i = 0; i < SAMPLES; i++) {
                String q = s.query().get();
                // Whichever side runs second finds the term's postings in the CPU's caches, so the
                // order flips every sample.
                if (i % 2 == 1) {
                    lucene[i] = luceneTime(searcher, true, q, visibility);
                    oneThread[i] = luceneTime(searcher, false, q, visibility);
                }
                long a = System.nanoTime();
                String body = apiSearch(http, catalog, token, q);
                api[i] = System.nanoTime() - a;
                found += body.contains("\"total\":0") ? 0 : 1;
                if (i % 2 == 0) {
                    oneThread[i] = luceneTime(searcher, false, q, visibility);
                    lucene[i] = luceneTime(searcher, true, q, visibility);
                }
            }
            System.out.printf("search %s: load average %s before, %s after%n", s.name(), loadBefore, loadAverage());
            double[] serverAfter = serverSearchTime(http, catalog);
            double calls = serverAfter[1] - serverBefore[1];
            System.out.printf(
                    "search %s: the service's own time per search (its request timer, mean of %.0f) %.2f ms,"
                            + " of which matching %.2f ms and rendering %.2f ms; round trip mean %.2f ms;"
                            + " Lucene floor mean %.2f ms%n",
                    s.name(),
                    calls,
                    meanMillis(serverBefore, serverAfter, 0),
                    meanMillis(serverBefore, serverAfter, 2),
                    meanMillis(serverBefore, serverAfter, 4),
                    java.util.Arrays.stream(api).average().orElse(0) / 1e6,
                    java.util.Arrays.stream(lucene).average().orElse(0) / 1e6);
            Stats apiStats = new Stats(api);
            Stats luceneStats = new Stats(lucene);
            Stats oneThreadStats = new Stats(oneThread);
            System.out.printf(
                    "search %s: Lucene floor split as the service splits it p50 %.2f / p99 %.2f ms;"
                            + " the same on one thread p50 %.2f / p99 %.2f ms%n",
                    s.name(),
                    luceneStats.percentileMillis(50),
                    luceneStats.percentileMillis(99),
                    oneThreadStats.percentileMillis(50),
                    oneThreadStats.percentileMillis(99));
            String name = "search: " + s.name() + " (" + (100 * found / SAMPLES) + "% found)";
            table.add(
                    name + " p50",
                    apiStats.percentileMillis(50),
                    luceneStats.percentileMillis(50),
                    "ms",
                    "(goal on p99)");
            table.goal(
                    name + " p99",
                    apiStats.percentileMillis(99),
                    luceneStats.percentileMillis(99),
                    "ms",
                    String.format("p99 < %.0f ms", s.p99GoalMillis()),
                    apiStats.percentileMillis(99) < s.p99GoalMillis());
        }
    }

    /**
     * Search is measured on a settled service: after the bulk ingest Lucene still merges segments
     * in the background for a while, and that work would be charged to whichever search runs
     * beside it. Waits (at most two minutes) until the catalog uses under a tenth of a core.
     */
    private static void settle(ServiceProcess catalog) {
        long start = System.nanoTime();
        long[] before = {catalog.cpuNanos()};
        try {
            org.awaitility.Awaitility.await("catalog idle")
                    .pollDelay(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> {
                        long now = catalog.cpuNanos();
                        boolean idle = now - before[0] < 100_000_000L;
                        before[0] = now;
                        return idle;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException stillBusy) {
            System.out.println("catalog still busy after two minutes; measuring anyway");
        }
        System.out.printf("catalog settled after ingest in %.1f s%n", seconds(System.nanoTime() - start));
    }

    private void freshness(
            HttpClient http,
            ServiceProcess catalog,
            String token,
            KafkaProducer<String, String> producer,
            EmbeddedKafka kafka,
            ResultTable table)
            throws Exception {
        long[] catalogLatency = new long[FRESHNESS_SAMPLES];
        for (int i = 0; i < FRESHNESS_SAMPLES; i++) {
            int n = random.nextInt(PRODUCTS);
            String marker = "fresh" + Integer.toString(i, 36) + "x"
                    + UUID.randomUUID().toString().substring(0, 6);
            ProductStateV1 state = product(n, 2 + i, marker);
            long t0 = System.nanoTime();
            long deadline = t0 + FRESHNESS_DEADLINE.toNanos();
            producer.send(record(state)).get();
            while (!apiSearch(http, catalog, token, marker).contains("\"total\":1")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product change " + (i + 1) + " of " + FRESHNESS_SAMPLES
                            + " (" + state.productId() + ", marker " + marker + ") not searchable after "
                            + FRESHNESS_DEADLINE.toSeconds() + " s");
                }
                Thread.onSpinWait();
            }
            catalogLatency[i] = System.nanoTime() - t0;
        }
        long[] kafkaLatency = kafkaRoundTrips(kafka, producer, FRESHNESS_SAMPLES);
        Stats c = new Stats(catalogLatency);
        Stats k = new Stats(kafkaLatency);
        table.add("event to searchable p50", c.percentileMillis(50), k.percentileMillis(50), "ms", "(goal on p99)");
        table.goal(
                "event to searchable p99",
                c.percentileMillis(99),
                k.percentileMillis(99),
                "ms",
                "p99 < 500 ms",
                c.percentileMillis(99) < 500);
    }

    /** One reconciliation of the whole estate against the compacted topic, as the scheduled one runs it. */
    private void reconciliation(HttpClient http, ServiceProcess catalog, ResultTable table) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(catalog.uri("/api/catalog/v1/index/reconciliation"))
                .header("Authorization", "Bearer " + TestTokens.platformAdmin())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        // The scheduled run may be comparing right now (409): take the next turn. The figure is
        // the call that ran, from its start.
        long[] started = new long[1];
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        org.awaitility.Awaitility.await("a reconciliation turn")
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .atMost(Duration.ofMinutes(10))
                .until(() -> {
                    started[0] = System.nanoTime();
                    last[0] = http.send(post, HttpResponse.BodyHandlers.ofString());
                    return last[0].statusCode() != 409;
                });
        long t0 = started[0];
        HttpResponse<String> response = last[0];
        double s = seconds(System.nanoTime() - t0);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "reconciliation answered " + response.statusCode() + ": " + response.body());
        }
        var report = JSON.readTree(response.body());
        int differences = report.path("differenceCount").asInt();
        table.goal(
                "reconciliation of " + report.path("productsInIndex").asInt() + " indexed products (" + differences
                        + " differences)",
                s,
                Double.NaN,
                "s",
                "0 differences, in the 512 MB heap",
                differences == 0);
    }

    /** The machine's load average, which the figures must be read against on a shared machine. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void rebuild(HttpClient http, ServiceProcess catalog, ResultTable table) throws Exception {
        String admin = TestTokens.platformAdmin();
        int before = generation(http, catalog, admin);
        long t0 = System.nanoTime();
        HttpRequest post = HttpRequest.newBuilder(catalog.uri("/api/catalog/v1/index/rebuild"))
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        http.send(post, HttpResponse.BodyHandlers.ofString());
        // While the new index is built, the old one must keep answering with the whole estate.
        String reader = TestTokens.dataConsumer();
        int[] searches = {0, 0};
        org.awaitility.Awaitility.await("rebuild")
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    searches[0]++;
                    try {
                        if (JSON.readTree(apiSearch(http, catalog, reader, ""))
                                        .path("total")
                                        .asInt()
                                < PRODUCTS) {
                            searches[1]++;
                        }
                    } catch (RuntimeException failed) {
                        searches[1]++;
                    }
                    return generation(http, catalog, admin) != before;
                });
        double s = seconds(System.nanoTime() - t0);
        table.goal(
                "full rebuild from topics (" + searches[1] + " of " + searches[0]
                        + " searches meanwhile failed or short)",
                s,
                Double.NaN,
                "s",
                "no downtime: 0 failed or short",
                searches[1] == 0);
    }

    private static int generation(HttpClient http, ServiceProcess catalog, String token) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(catalog.uri("/api/catalog/v1/index"))
                .header("Authorization", "Bearer " + token)
                .build();
        return JSON.readTree(
                        http.send(get, HttpResponse.BodyHandlers.ofString()).body())
                .path("generation")
                .asInt();
    }

    /** Produce-to-consume round trips with plain clients on the same broker: the floor of any Kafka-fed read model. */
    static long[] kafkaRoundTrips(EmbeddedKafka kafka, KafkaProducer<String, String> producer, int n) throws Exception {
        kafka.createTopics(Map.of("bench.roundtrip", false), 1);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        long[] latency = new long[n];
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("bench.roundtrip", 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            for (int i = 0; i < n; i++) {
                String value = "m" + i;
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>("bench.roundtrip", value, value))
                        .get();
                boolean seen = false;
                long deadline = t0 + FRESHNESS_DEADLINE.toNanos();
                while (!seen) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("floor message " + value + " not consumed after "
                                + FRESHNESS_DEADLINE.toSeconds() + " s");
                    }
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= value.equals(r.value());
                    }
                }
                latency[i] = System.nanoTime() - t0;
            }
        }
        return latency;
    }

    private static void awaitTotal(
            HttpClient http, ServiceProcess catalog, String token, String q, int total, Duration timeout) {
        int[] last = {-1};
        org.awaitility.Awaitility.await("all products searchable")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    int now = JSON.readTree(apiSearch(http, catalog, token, q))
                            .path("total")
                            .asInt();
                    if (now / 10_000 != last[0] / 10_000) {
                        System.out.printf("  %d searchable%n", now);
                    }
                    last[0] = now;
                    return now >= total;
                });
    }

    /** How long the floor takes for one query, split as the service splits it or on one thread. */
    private static long luceneTime(IndexSearcher searcher, boolean split, String q, Visibility visibility)
            throws java.io.IOException {
        long start = System.nanoTime();
        SearchService.luceneOnly(searcher.getIndexReader(), split, request(q), visibility);
        return System.nanoTime() - start;
    }

    /** Mean of one of {@link #serverSearchTime}'s timers between two readings, in milliseconds. */
    private static double meanMillis(double[] before, double[] after, int slot) {
        double calls = after[slot + 1] - before[slot + 1];
        return calls == 0 ? 0 : 1000 * (after[slot] - before[slot]) / calls;
    }

    /**
     * Sums and counts of the service's timers for searches, from its metrics: [0, 1] the whole request
     * (HTTP server timer, from the request's arrival to the response's end, so its mean beside the round
     * trip's tells time inside the service from time outside it), [2, 3] finding and counting the matches,
     * [4, 5] rendering the answer.
     */
    private static double[] serverSearchTime(HttpClient http, ServiceProcess catalog) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(catalog.uri("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        double[] out = new double[6];
        for (String line : metrics.split("\n")) {
            int slot;
            if (line.contains("uri=\"/api/catalog/v1/search\"") && line.contains("status=\"200\"")) {
                slot = 0;
            } else if (line.startsWith("tessera_catalog_search_part_seconds") && line.contains("part=\"match\"")) {
                slot = 2;
            } else if (line.startsWith("tessera_catalog_search_part_seconds") && line.contains("part=\"render\"")) {
                slot = 4;
            } else {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.contains("_seconds_sum")) {
                out[slot] += value;
            } else if (line.contains("_seconds_count")) {
                out[slot + 1] += value;
            }
        }
        return out;
    }

    private static String apiSearch(HttpClient http, ServiceProcess catalog, String token, String q) {
        HttpRequest request = HttpRequest.newBuilder(catalog.uri(
                        "/api/catalog/v1/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SearchRequest request(String q) {
        return new SearchRequest(q, Map.of(), "relevance", 20, null);
    }

    /**
     * Whether a product's descriptor mentions {@link #HOT_TERM} as a word, which is what makes it match a
     * search for it: the measured share of the hot term, not the generator's intent.
     */
    private static boolean mentions(ProductStateV1 state) {
        return HOT_WORD.matcher(state.descriptor().toString()).find();
    }

    private ProductStateV1 product(int n, long sequence) {
        return product(n, sequence, null);
    }

    /** Product n, the same on every call for the same n (its own seeded generator). */
    private ProductStateV1 product(int n, long sequence, String extraWord) {
        Random r = new Random(7L * 1_000_003 + n);
        String id = "p" + n;
        String domain = "domain" + r.nextInt(50);
        String name;
        if (n % 50 == 0) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 60) {
                b.append(b.length() == 0 ? "" : "_").append(vocabulary.get(r.nextInt(vocabulary.size())));
            }
            name = b.substring(0, 60);
            if (sequence == 1 && longNames.size() < 2000) {
                longNames.add(name);
            }
        } else {
            int words = 2 + r.nextInt(3);
            List<String> parts = new ArrayList<>();
            for (int w = 0; w < words; w++) {
                parts.add(vocabulary.get(r.nextInt(vocabulary.size())));
            }
            name = String.join(" ", parts);
        }
        if (extraWord != null) {
            name = name + " " + extraWord;
        }
        String purpose = (r.nextInt(10) < 9 ? "Curated data about " : "Facts about ")
                + vocabulary.get(r.nextInt(vocabulary.size())) + " and " + vocabulary.get(r.nextInt(vocabulary.size()))
                + " for reporting.";
        ObjectNode d = JSON.createObjectNode();
        d.put("apiVersion", "v1.0.0");
        d.put("kind", "DataProduct");
        d.put("id", id);
        d.put("name", name);
        d.put("version", "1.0.0");
        d.put("domain", domain);
        d.putObject("description").put("purpose", purpose);
        ArrayNode tags = d.putArray("tags");
        tags.add("tag" + r.nextInt(200));
        tags.add("tag" + r.nextInt(200));
        ObjectNode team = d.putObject("team");
        team.put("name", domain + "-team");
        team.putArray("members")
                .addObject()
                .put("username", "user" + r.nextInt(500))
                .put("role", "owner");
        ObjectNode port = d.putArray("outputPorts").addObject();
        port.put("name", "port" + r.nextInt(10));
        port.put("version", "1.0.0");
        port.put("type", List.of("tables", "files", "api", "topic").get(r.nextInt(4)));
        ArrayNode properties = port.putObject("contract")
                .putArray("schema")
                .addObject()
                .put("name", "records")
                .putArray("properties");
        for (int p = 0; p < 4; p++) {
            ObjectNode prop = properties.addObject();
            prop.put("name", vocabulary.get(r.nextInt(vocabulary.size())) + "_id");
            prop.put("description", "The " + vocabulary.get(r.nextInt(vocabulary.size())));
            if (r.nextInt(20) == 0) {
                prop.putArray("tags").add("pii");
            }
        }
        Instant now = Instant.now();
        return new ProductStateV1(
                id,
                sequence,
                domain,
                name,
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        "1.0.0",
                        "PENDING_APPROVAL",
                        "PUBLISHED",
                        "bench",
                        null),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "PUBLISHED", null, null, now)),
                "1.0.0",
                "1.0.0",
                d,
                d,
                List.of(),
                now);
    }

    private String typo(String name) {
        char[] c = name.toCharArray();
        for (int k = 0; k < 2; k++) {
            int i = 5 + random.nextInt(c.length - 10);
            if (Character.isLetter(c[i])) {
                c[i] = c[i] == 'a' ? 'e' : 'a';
            } else {
                k--;
            }
        }
        return new String(c);
    }

    private static ProducerRecord<String, String> record(ProductStateV1 state) {
        return productRecord(EventType.PRODUCT_UPDATED, state);
    }

    /**
     * A product state as the registry's relay sends it, from the benchmark's own source; unchecked
     * against the contract, which would dominate the seeding of a large estate.
     */
    static ProducerRecord<String, String> productRecord(EventType type, ProductStateV1 state) {
        return CloudEventRecords.event(type, state.productId(), JSON.valueToTree(state))
                .source("/tessera/bench")
                .sequence(state.sequence())
                .uncheckedRecord();
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Batches for loading the estate; the freshness probes use the unbatched producer. */
    private static KafkaProducer<String, String> bulkProducer(EmbeddedKafka kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Path currentGeneration(Path indexDir) throws java.io.IOException {
        return indexDir.resolve(Files.readString(indexDir.resolve("CURRENT")).trim());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
