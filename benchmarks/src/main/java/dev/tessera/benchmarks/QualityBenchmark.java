package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.testkit.EmbeddedKafka;
import dev.tessera.testkit.EmbeddedPostgresServer;
import dev.tessera.testkit.FreePorts;
import dev.tessera.testkit.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Quality from OpenLineage facets to a status people see, with lineage, governance and the catalog
 * running as shipped on one PostgreSQL server and one broker. Products (their contracts state a
 * row-count rule, a null-values rule and a one-day latency SLA) reach the services as registry events.
 *
 * <ul>
 *   <li>Throughput: batched run events through lineage's API, each reporting quality facets on the
 *       dataset it writes (output statistics, column metrics, three assertions) and on the dataset
 *       it read (two assertions): two observations per event, counted until governance has stored
 *       every result and status. Floor: the same events stored by the same number of senders in
 *       multi-row INSERTs, their observations sent through Kafka and stored by a bare consumer in one
 *       multi-row INSERT per poll.
 *   <li>Freshness of the catalog: one run event turning a product FAILING, timed until the catalog's
 *       {@code quality=failing} filter finds it. Floor: a raw Kafka produce-to-consume round trip.
 *   <li>The quality summary of a product with {@value #STORED_DEFAULT} results stored, through the
 *       API. Floor: the same statements run straight on governance's database.
 * </ul>
 */
final class QualityBenchmark {

    private static final int PRODUCTS = Integer.getInteger("bench.quality.products", 200);
    private static final int EVENTS = Integer.getInteger("bench.quality.events", 20_000);
    private static final int WARMUP_EVENTS = Integer.getInteger("bench.quality.warmupEvents", 4_000);
    private static final int BATCH = Integer.getInteger("bench.quality.batchSize", 100);
    private static final int CLIENTS = Integer.getInteger("bench.quality.clients", 8);
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.quality.latencySamples", 200);
    private static final int STORED_DEFAULT = 5_000_000;
    private static final int STORED = Integer.getInteger("bench.quality.stored", STORED_DEFAULT);
    private static final int SUMMARY_SAMPLES = Integer.getInteger("bench.quality.summarySamples", 1_000);
    private static final int SUMMARY_WARMUP = Integer.getInteger("bench.quality.summaryWarmup", 300);
    /** Observations each generated run event carries: its output's and its input's. */
    private static final int OBSERVATIONS_PER_EVENT = 2;

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DOMAIN = "qbench";
    private static final String NAMESPACE = "postgres://db:5432";
    private static final String FLOOR_TOPIC = "bench.quality.floor";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path root;
    /** Event times only move forward, so a later run is always the latest observation. */
    private final java.util.concurrent.atomic.AtomicLong clock =
            new java.util.concurrent.atomic.AtomicLong(Instant.now().toEpochMilli());

    QualityBenchmark(Path root) {
        this.root = root;
    }

    void run() throws Exception {
        try (BenchEnvironment env = BenchEnvironment.start(root, "quality", "lineage")) {
            EmbeddedPostgresServer pg = env.pg();
            pg.ensureDatabase("governance");
            pg.ensureDatabase("catalog");
            EmbeddedKafka kafka = env.kafka();
            Map<String, Boolean> topics = new java.util.HashMap<>();
            Topics.ALL.forEach(topic -> topics.put(topic, Topics.COMPACTED.contains(topic)));
            topics.put(FLOOR_TOPIC, false);
            kafka.createTopics(topics, 3);
            Path logs = env.work().resolve("logs");

            Map<String, String> lineageSettings = ServiceProcess.settings(env, "lineage");
            Map<String, String> governanceSettings = ServiceProcess.settings(env, "governance");
            Map<String, String> catalogSettings = ServiceProcess.settings(env, "catalog");
            catalogSettings.put(
                    "tessera.catalog.index.dir", env.work().resolve("index").toString());
            catalogSettings.put("tessera.catalog.webhooks.secret-key", ServiceProcess.randomKey());
            catalogSettings.put("tessera.catalog.webhooks.owner-rights.source", "subscription");
            try (ServiceProcess lineage =
                            ServiceProcess.start(root, "lineage-service", FreePorts.next(), lineageSettings, logs);
                    ServiceProcess governance = ServiceProcess.start(
                            root, "governance-service", FreePorts.next(), governanceSettings, logs);
                    ServiceProcess catalog =
                            ServiceProcess.start(root, "catalog-service", FreePorts.next(), catalogSettings, logs);
                    KafkaProducer<String, String> producer = producer(kafka);
                    Connection governanceDb =
                            DriverManager.getConnection(pg.jdbcUrl("governance"), pg.username(), pg.password())) {
                seed(producer);
                awaitSeeded(pg, catalog);

                ResultTable table = new ResultTable("quality: " + PRODUCTS + " products, lineage + governance +"
                        + " catalog as shipped on " + Runtime.getRuntime().availableProcessors() + " processors; "
                        + env.commits());
                throughput(lineage, governance, catalog, governanceDb, pg, kafka, table);
                freshness(lineage, catalog, kafka, producer, table);
                summary(governance, governanceDb, table);
                System.out.println("Tracing: " + ServiceProcess.tracingNote(env));
                table.print();
            }
        }
    }

    // ------------------------------------------------------------------ the estate

    private void seed(KafkaProducer<String, String> producer) throws Exception {
        for (int i = 0; i < PRODUCTS; i++) {
            ProductStateV1 state = product(i);
            producer.send(CatalogBenchmark.productRecord(EventType.PRODUCT_STATUS_CHANGED, state));
        }
        producer.flush();
    }

    /** Waits until lineage maps every product's dataset, governance holds every product and the catalog finds them. */
    private static void awaitSeeded(EmbeddedPostgresServer pg, ServiceProcess catalog) throws Exception {
        try (Connection lineageDb = DriverManager.getConnection(pg.jdbcUrl("lineage"), pg.username(), pg.password());
                Connection governanceDb =
                        DriverManager.getConnection(pg.jdbcUrl("governance"), pg.username(), pg.password());
                KeepAliveConnection http = new KeepAliveConnection(catalog.uri(""))) {
            String token = TestTokens.dataConsumer();
            org.awaitility.Awaitility.await("every product known to lineage, governance and the catalog")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> count(lineageDb, "SELECT count(*) FROM lineage_edge WHERE kind = 'PORT_DATASET'")
                                    >= PRODUCTS
                            && count(governanceDb, "SELECT count(*) FROM product_state") >= PRODUCTS
                            && JSON.readTree(http.get("/api/catalog/v1/search?domain=" + DOMAIN + "&limit=1", token)
                                                    .body())
                                            .path("total")
                                            .asInt()
                                    >= PRODUCTS);
        }
    }

    private static ProductStateV1 product(int i) {
        String id = productId(i);
        ObjectNode contract = JSON.createObjectNode();
        contract.put("apiVersion", "v3.1.0").put("kind", "DataContract").put("id", id + "-contract");
        contract.put("version", "1.0.0").put("status", "active");
        contract.putArray("servers")
                .addObject()
                .put("server", "warehouse")
                .put("type", "postgres")
                .put("host", "db")
                .put("port", 5432)
                .put("database", "shop")
                .put("schema", "public");
        ObjectNode object = contract.putArray("schema").addObject();
        object.put("name", table(i)).put("physicalName", table(i));
        object.putArray("quality").addObject().put("metric", "rowCount").put("mustBeGreaterThan", 1000);
        ObjectNode idColumn = object.putArray("properties").addObject();
        idColumn.put("name", "id").put("logicalType", "string");
        idColumn.putArray("quality").addObject().put("metric", "nullValues").put("mustBe", 0);
        contract.putArray("slaProperties")
                .addObject()
                .put("property", "latency")
                .put("value", 1)
                .put("unit", "d");
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("apiVersion", "v1.0.0").put("kind", "DataProduct").put("id", id);
        descriptor
                .put("name", "Quality bench " + word(i))
                .put("version", "1.0.0")
                .put("status", "active");
        descriptor.put("domain", DOMAIN);
        descriptor.putObject("description").put("purpose", "Orders of shop " + word(i) + " for the benchmark.");
        ObjectNode port = descriptor.putArray("outputPorts").addObject();
        port.put("name", "table").put("version", "1.0.0").set("contract", contract);
        Instant now = Instant.now();
        return new ProductStateV1(
                id,
                1,
                DOMAIN,
                "Quality bench " + word(i),
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        "1.0.0",
                        "PENDING_APPROVAL",
                        "PUBLISHED",
                        "bench",
                        List.of()),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "PUBLISHED", null, null, now)),
                "1.0.0",
                "1.0.0",
                descriptor,
                descriptor,
                List.of(),
                now);
    }

    private static String productId(int i) {
        return "qbench-p" + i;
    }

    private static String table(int i) {
        return "orders_" + i;
    }

    /** A word only product {@code i}'s name contains, so a search finds exactly it. */
    private static String word(int i) {
        StringBuilder w = new StringBuilder("zq");
        int n = i;
        do {
            w.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return w.toString();
    }

    // ------------------------------------------------------------------ throughput

    private void throughput(
            ServiceProcess lineage,
            ServiceProcess governance,
            ServiceProcess catalog,
            Connection governanceDb,
            EmbeddedPostgresServer pg,
            EmbeddedKafka kafka,
            ResultTable table)
            throws Exception {
        String token = TestTokens.platformAdmin();
        // Warm-up: both pipelines run once before anything is timed.
        long before = processed(governanceDb);
        postEvents(lineage, token, WARMUP_EVENTS, i -> runEvent(i, true));
        awaitProcessed(governanceDb, before + (long) WARMUP_EVENTS * OBSERVATIONS_PER_EVENT);
        try (FloorPipeline floor = FloorPipeline.open(pg, kafka)) {
            floor.run(WARMUP_EVENTS);

            before = processed(governanceDb);
            DatabaseProfile profile = DatabaseProfile.open(pg, "governance");
            profile.reset();
            long[] cpu0 = {
                lineage.cpuNanos(), governance.cpuNanos(), catalog.cpuNanos(), DatabaseProfile.serverCpuNanos()
            };
            long t0 = System.nanoTime();
            postEvents(lineage, token, EVENTS, i -> runEvent(i, true));
            double posted = seconds(System.nanoTime() - t0);
            awaitProcessed(governanceDb, before + (long) EVENTS * OBSERVATIONS_PER_EVENT);
            double tessera = seconds(System.nanoTime() - t0);
            System.out.printf(
                    "CPU over those %.1f s: lineage %.1f s, governance %.1f s, catalog %.1f s, PostgreSQL %.1f s%n",
                    tessera,
                    seconds(lineage.cpuNanos() - cpu0[0]),
                    seconds(governance.cpuNanos() - cpu0[1]),
                    seconds(catalog.cpuNanos() - cpu0[2]),
                    seconds(DatabaseProfile.serverCpuNanos() - cpu0[3]));
            profile.print("the measured run, governance's database");
            profile.close();
            double floorSeconds = floor.run(EVENTS);
            double observations = (double) EVENTS * OBSERVATIONS_PER_EVENT;
            // Each transaction of governance's consumer stamps its rows with one processed_at.
            System.out.printf(
                    "governance applied them in %d transactions%n",
                    count(
                            governanceDb,
                            "SELECT count(DISTINCT processed_at) FROM processed_event"
                                    + " WHERE consumer = 'quality-observations' AND processed_at >= now() - make_interval(secs => "
                                    + (int) Math.ceil(seconds(System.nanoTime() - t0) + 1) + ")"));
            System.out.printf(
                    "%d run events (%d observations) posted in %.1f s, all statuses updated after %.1f s;"
                            + " floor %.1f s%n",
                    EVENTS, (long) observations, posted, tessera, floorSeconds);
            table.goal(
                    "observations from ingest to status, " + BATCH + " events per call, " + CLIENTS + " senders",
                    observations / tessera,
                    observations / floorSeconds,
                    "/s",
                    ">= 2,000/s",
                    observations / tessera >= 2_000);
        }
    }

    /**
     * A COMPLETE run of a load job: it read product {@code i+1}'s table, checking two things about it,
     * and wrote product {@code i}'s, reporting what it wrote and three checks.
     */
    private String runEvent(int i, boolean good) {
        int written = i % PRODUCTS;
        int read = (i + 1) % PRODUCTS;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID runId = new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
        long rows = good ? 5_000 + random.nextInt(1_000) : 10;
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"" + Instant.ofEpochMilli(clock.incrementAndGet())
                + "\",\"run\":{\"runId\":\"" + runId + "\"},"
                + "\"job\":{\"namespace\":\"airflow\",\"name\":\"shop.load_" + written + "\"},"
                + "\"inputs\":[{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"shop.public." + table(read) + "\","
                + "\"inputFacets\":{\"dataQualityAssertions\":{" + FACET
                + "\"assertions\":[{\"assertion\":\"not_null\",\"column\":\"id\",\"success\":true},"
                + "{\"assertion\":\"unique\",\"column\":\"id\",\"success\":true}]}}}],"
                + "\"outputs\":[{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"shop.public." + table(written) + "\","
                + "\"facets\":{\"dataQualityMetrics\":{" + FACET + "\"rowCount\":" + rows
                + ",\"columnMetrics\":{\"id\":{\"nullCount\":0,\"distinctCount\":" + rows + ",\"count\":" + rows
                + "}}}},"
                + "\"outputFacets\":{\"outputStatistics\":{" + FACET + "\"rowCount\":" + rows + "},"
                + "\"dataQualityAssertions\":{" + FACET
                + "\"assertions\":[{\"assertion\":\"not_null\",\"column\":\"id\",\"success\":" + good + "},"
                + "{\"assertion\":\"unique\",\"column\":\"id\",\"success\":true},"
                + "{\"assertion\":\"accepted_values\",\"column\":\"status\",\"success\":true}]}}}],"
                + "\"producer\":\"https://github.com/tessera/bench\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"}";
    }

    private static final String FACET = "\"_producer\":\"https://github.com/tessera/bench\","
            + "\"_schemaURL\":\"https://openlineage.io/spec/facets/1-0-0/Facet.json\",";

    /** Posts {@code count} events in calls of {@link #BATCH} from {@link #CLIENTS} senders. */
    private static void postEvents(ServiceProcess lineage, String token, int count, IntFunction<String> event)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        int calls = (count + BATCH - 1) / BATCH;
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                senders.add(pool.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(lineage.uri(""))) {
                        StringBuilder body = new StringBuilder(BATCH * 1_500);
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            body.setLength(0);
                            body.append('[');
                            for (int e = call * BATCH; e < Math.min(count, (call + 1) * BATCH); e++) {
                                if (body.length() > 1) {
                                    body.append(',');
                                }
                                body.append(event.apply(e));
                            }
                            body.append(']');
                            KeepAliveConnection.Answer answer =
                                    connection.postJson("/api/v1/lineage/batch", token, body.toString());
                            if (answer.status() >= 300) {
                                throw new IllegalStateException(
                                        "lineage answered " + answer.status() + ": " + answer.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        }
    }

    /** Quality observations governance has stored so far. */
    private static long processed(Connection governanceDb) throws SQLException {
        return count(governanceDb, GovernanceQuality.PROCESSED);
    }

    private static void awaitProcessed(Connection governanceDb, long expected) throws Exception {
        // Counting governance's processed observations costs its database about 10 ms once the
        // table holds hundreds of thousands of rows; polled every 50 ms that would tax the service
        // under test. The next count is taken when, at the rate seen so far, about half of what is
        // left should be done (at least 20 ms, at most 1 s later): few counts, and the last one
        // within 20 ms of the end.
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long start = System.nanoTime();
        long first = processed(governanceDb);
        long done = first;
        while (done < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "governance stored " + done + " of " + expected + " observations in 10 minutes");
            }
            double elapsed = Math.max(1e-3, seconds(System.nanoTime() - start));
            double rate = (done - first) / elapsed;
            long waitMillis = rate <= 0 ? 100 : (long) (500 * (expected - done) / rate);
            Thread.sleep(Math.clamp(waitMillis, 20, 1_000));
            done = processed(governanceDb);
        }
    }

    /**
     * The floor of the throughput figure: what the pipeline has to do at least, on the same servers.
     * {@link #CLIENTS} senders store the events, {@link #BATCH} per multi-row INSERT (one durable
     * commit each), and send two observation records per event to Kafka; one consumer stores every
     * record it polls as a result row, in one multi-row INSERT and commit per poll.
     */
    private static final class FloorPipeline implements AutoCloseable {
        private final EmbeddedPostgresServer pg;
        private final EmbeddedKafka kafka;
        private final List<Connection> senders = new ArrayList<>();
        private final Connection sink;
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;

        private FloorPipeline(EmbeddedPostgresServer pg, EmbeddedKafka kafka) throws SQLException {
            this.pg = pg;
            this.kafka = kafka;
            for (int i = 0; i < CLIENTS; i++) {
                senders.add(connect());
            }
            sink = connect();
            sink.setAutoCommit(false);
            try (Statement s = sink.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS floor_event (id bigserial PRIMARY KEY, body jsonb NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS floor_result (id bigserial PRIMARY KEY, product text NOT NULL,"
                        + " check_id text NOT NULL, body jsonb NOT NULL)");
            }
            sink.commit();
            producer = producer(kafka);
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(FLOOR_TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        static FloorPipeline open(EmbeddedPostgresServer pg, EmbeddedKafka kafka) throws SQLException {
            return new FloorPipeline(pg, kafka);
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection(pg.jdbcUrl("floor"), pg.username(), pg.password());
        }

        /** Runs {@code events} through the floor; the seconds until the last result row is committed. */
        double run(int events) throws Exception {
            long expected = (long) events * OBSERVATIONS_PER_EVENT;
            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            int calls = (events + BATCH - 1) / BATCH;
            String observation = "{\"observationId\":\"%s\",\"productId\":\"%s\",\"ports\":[\"table\"],"
                    + "\"assertions\":[{\"assertion\":\"not_null\",\"success\":true,\"level\":\"DATASET\"}]}";
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1)) {
                Future<Long> stored = pool.submit(() -> consume(expected));
                List<Future<?>> workers = new ArrayList<>();
                for (Connection sender : senders) {
                    workers.add(pool.submit(() -> {
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            int first = call * BATCH;
                            int last = Math.min(events, first + BATCH);
                            StringBuilder sql = new StringBuilder("INSERT INTO floor_event (body) VALUES ");
                            for (int e = first; e < last; e++) {
                                sql.append(e > first ? ",(?::jsonb)" : "(?::jsonb)");
                            }
                            try (PreparedStatement insert = sender.prepareStatement(sql.toString())) {
                                for (int e = first; e < last; e++) {
                                    insert.setString(e - first + 1, "{\"event\":" + e + "}");
                                }
                                insert.executeUpdate();
                            }
                            for (int e = first; e < last; e++) {
                                for (int o = 0; o < OBSERVATIONS_PER_EVENT; o++) {
                                    String product = productId((e + o) % PRODUCTS);
                                    producer.send(new ProducerRecord<>(
                                            FLOOR_TOPIC, product, observation.formatted(e + "/" + o, product)));
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                producer.flush();
                stored.get();
            }
            return seconds(System.nanoTime() - t0);
        }

        private long consume(long expected) throws SQLException {
            long stored = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (stored < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("floor consumer stored " + stored + " of " + expected);
                }
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                if (records.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder("INSERT INTO floor_result (product, check_id, body) VALUES ");
                for (int r = 0; r < records.size(); r++) {
                    sql.append(r > 0 ? ",(?,?,?::jsonb)" : "(?,?,?::jsonb)");
                }
                try (PreparedStatement insert = sink.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (ConsumerRecord<String, String> record : records) {
                        insert.setString(p++, record.key());
                        insert.setString(p++, "not_null");
                        insert.setString(p++, record.value());
                    }
                    insert.executeUpdate();
                }
                sink.commit();
                stored += records.size();
            }
            return stored;
        }

        @Override
        public void close() throws Exception {
            consumer.close();
            producer.close();
            sink.close();
            for (Connection sender : senders) {
                sender.close();
            }
        }
    }

    // ------------------------------------------------------------------ catalog freshness

    /**
     * Each sample turns one passing product FAILING with a single run event through lineage's API
     * and times until a consumer's search with {@code quality=failing} finds it.
     */
    private void freshness(
            ServiceProcess lineage,
            ServiceProcess catalog,
            EmbeddedKafka kafka,
            KafkaProducer<String, String> producer,
            ResultTable table)
            throws Exception {
        int samples = Math.min(LATENCY_SAMPLES, PRODUCTS);
        long[] latency = new long[samples];
        String admin = TestTokens.platformAdmin();
        String consumer = TestTokens.dataConsumer();
        try (KeepAliveConnection ingest = new KeepAliveConnection(lineage.uri(""));
                KeepAliveConnection search = new KeepAliveConnection(catalog.uri(""))) {
            for (int i = 0; i < samples; i++) {
                String query = "/api/catalog/v1/search?quality=failing&q=" + word(i);
                long t0 = System.nanoTime();
                KeepAliveConnection.Answer posted = ingest.postJson("/api/v1/lineage", admin, runEvent(i, false));
                if (posted.status() >= 300) {
                    throw new IllegalStateException("lineage answered " + posted.status() + ": " + posted.body());
                }
                long deadline = t0 + DEADLINE.toNanos();
                // Earlier samples' products stay FAILING and the search forgives typos: look for this one.
                String hit = "\"id\":\"" + productId(i) + "\"";
                while (!search.get(query, consumer).body().contains(hit)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(productId(i) + " not found FAILING in the catalog after "
                                + DEADLINE.toSeconds() + " s");
                    }
                    Thread.onSpinWait();
                }
                latency[i] = System.nanoTime() - t0;
            }
        }
        long[] kafkaLatency = CatalogBenchmark.kafkaRoundTrips(kafka, producer, samples);
        Stats t = new Stats(latency);
        Stats k = new Stats(kafkaLatency);
        table.add(
                "ingest to catalog filter p50", t.percentileMillis(50), k.percentileMillis(50), "ms", "(goal on p99)");
        table.goal(
                "ingest to catalog filter p99 (floor: Kafka round trip)",
                t.percentileMillis(99),
                k.percentileMillis(99),
                "ms",
                "p99 < 2,000 ms",
                t.percentileMillis(99) < 2_000);
    }

    // ------------------------------------------------------------------ the summary with millions of results

    private void summary(ServiceProcess governance, Connection governanceDb, ResultTable table) throws Exception {
        long t0 = System.nanoTime();
        long stored = GovernanceQuality.fill(governanceDb, STORED, PRODUCTS);
        System.out.printf(
                "%d quality results stored in governance's database in %.1f s%n",
                stored, seconds(System.nanoTime() - t0));
        String token = TestTokens.platformAdmin();
        long[] api = new long[SUMMARY_SAMPLES];
        long[] floor = new long[SUMMARY_SAMPLES];
        try (KeepAliveConnection http = new KeepAliveConnection(governance.uri(""));
                GovernanceQuality.Statements direct = GovernanceQuality.prepare(governanceDb)) {
            for (int round = -1; round < 1; round++) {
                int samples = round < 0 ? SUMMARY_WARMUP : SUMMARY_SAMPLES;
                for (int i = 0; i < samples; i++) {
                    String product = productId(ThreadLocalRandom.current().nextInt(PRODUCTS));
                    long a = System.nanoTime();
                    KeepAliveConnection.Answer answer =
                            http.get("/api/governance/v1/products/" + product + "/quality", token);
                    long b = System.nanoTime();
                    if (answer.status() != 200) {
                        throw new IllegalStateException("quality of " + product + ": " + answer.status());
                    }
                    direct.summary(product);
                    long c = System.nanoTime();
                    if (round >= 0) {
                        api[i] = b - a;
                        floor[i] = c - b;
                    }
                }
            }
        }
        Stats t = new Stats(api);
        Stats f = new Stats(floor);
        table.add(
                "quality summary p50, " + stored + " results",
                t.percentileMillis(50),
                f.percentileMillis(50),
                "ms",
                "(goal on p95)");
        table.goal(
                "quality summary p95 (floor: its statements on the database)",
                t.percentileMillis(95),
                f.percentileMillis(95),
                "ms",
                "p95 < 300 ms",
                t.percentileMillis(95) < 300);
    }

    // ------------------------------------------------------------------ plumbing

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
