package dev.tessera.lineage.usage.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.tessera.lineage.usage.model.Attention;
import dev.tessera.lineage.usage.model.Consumer;
import dev.tessera.lineage.usage.model.ConsumerKind;
import dev.tessera.lineage.usage.model.DayCount;
import dev.tessera.lineage.usage.model.Grant;
import dev.tessera.lineage.usage.model.JobUsage;
import dev.tessera.lineage.usage.model.ProductUsage;
import dev.tessera.lineage.usage.service.UsageQueries;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a product's usage as its answer, straight from the usage onto the response: the fields of
 * {@link UsageResponse}, in its order, with the same values and the same absent fields (a null
 * where it has {@code NON_NULL} is left out, elsewhere written). No response objects are built and
 * no instant becomes a string on the way, so an answer naming a thousand jobs leaves little behind
 * for the collector. Who uses the product is written only when the caller may see it.
 */
final class UsageJson {

    private static final SerializableString PRODUCT_ID = new SerializedString("productId");
    private static final SerializableString DOMAIN_ID = new SerializedString("domainId");
    private static final SerializableString DAYS = new SerializedString("days");
    private static final SerializableString FROM = new SerializedString("from");
    private static final SerializableString TO = new SerializedString("to");
    private static final SerializableString AS_OF = new SerializedString("asOf");
    private static final SerializableString TOTALS = new SerializedString("totals");
    private static final SerializableString CONSUMERS = new SerializedString("consumers");
    private static final SerializableString DECLARED = new SerializedString("declared");
    private static final SerializableString GRANTED = new SerializedString("granted");
    private static final SerializableString OBSERVED = new SerializedString("observed");
    private static final SerializableString SHADOW = new SerializedString("shadow");
    private static final SerializableString TOTAL = new SerializedString("total");
    private static final SerializableString READS = new SerializedString("reads");
    private static final SerializableString LAST_READ_AT = new SerializedString("lastReadAt");
    private static final SerializableString FIRST_READ_AT = new SerializedString("firstReadAt");
    private static final SerializableString DAILY = new SerializedString("daily");
    private static final SerializableString DAY = new SerializedString("day");
    private static final SerializableString ATTENTION = new SerializedString("attention");
    private static final SerializableString PAGE_VIEWS = new SerializedString("pageViews");
    private static final SerializableString VIEWERS = new SerializedString("viewers");
    private static final SerializableString CLICK_THROUGHS = new SerializedString("clickThroughs");
    private static final SerializableString LAST_VIEWED_AT = new SerializedString("lastViewedAt");
    private static final SerializableString UNUSED = new SerializedString("unused");
    private static final SerializableString UNUSED_AFTER_DAYS = new SerializedString("unusedAfterDays");
    private static final SerializableString UNUSED_SINCE = new SerializedString("unusedSince");
    private static final SerializableString CONSUMERS_SHOWN = new SerializedString("consumersShown");
    private static final SerializableString SHADOW_CONSUMERS = new SerializedString("shadowConsumers");
    private static final SerializableString PAST_GRANTS = new SerializedString("pastGrants");
    private static final SerializableString KINDS = new SerializedString("kinds");
    private static final SerializableString SUBJECT = new SerializedString("subject");
    private static final SerializableString JOBS = new SerializedString("jobs");
    private static final SerializableString JOB = new SerializedString("job");
    private static final SerializableString GRANTS = new SerializedString("grants");
    private static final SerializableString REQUEST_ID = new SerializedString("requestId");
    private static final SerializableString PORT = new SerializedString("port");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString ACTIVE_FROM = new SerializedString("activeFrom");
    private static final SerializableString ACTIVE_UNTIL = new SerializedString("activeUntil");

    private static final ConsumerKind[] KIND_ORDER = ConsumerKind.values();

    private final JsonGenerator json;
    private final char[] instant = new char[InstantText.MAX_LENGTH];

    private UsageJson(JsonGenerator json) {
        this.json = json;
    }

    /** Writes the answer as one JSON object; the caller flushes or closes the generator. */
    static void write(UsageQueries.Visible visible, JsonGenerator json) throws IOException {
        new UsageJson(json).answer(visible.usage(), visible.showsConsumers());
    }

    private void answer(ProductUsage usage, boolean who) throws IOException {
        json.writeStartObject();
        optional(PRODUCT_ID, usage.productId());
        optional(DOMAIN_ID, usage.domainId());
        json.writeFieldName(DAYS);
        json.writeNumber(usage.window().days());
        json.writeFieldName(FROM);
        json.writeString(usage.window().from().toString());
        json.writeFieldName(TO);
        json.writeString(usage.window().to().toString());
        optional(AS_OF, usage.window().asOf());
        totals(usage);
        json.writeFieldName(DAILY);
        json.writeStartArray();
        for (DayCount day : usage.daily()) {
            json.writeStartObject();
            json.writeFieldName(DAY);
            json.writeString(day.day().toString());
            json.writeFieldName(READS);
            json.writeNumber(day.runs());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (usage.attention() != null) {
            attention(usage.attention());
        }
        json.writeFieldName(UNUSED);
        json.writeBoolean(usage.unused());
        json.writeFieldName(UNUSED_AFTER_DAYS);
        json.writeNumber(usage.unusedAfterDays());
        optional(UNUSED_SINCE, usage.unusedSince());
        json.writeFieldName(CONSUMERS_SHOWN);
        json.writeBoolean(who);
        if (who) {
            json.writeFieldName(CONSUMERS);
            json.writeStartArray();
            for (Consumer consumer : usage.consumers()) {
                consumer(consumer);
            }
            json.writeEndArray();
            json.writeFieldName(SHADOW_CONSUMERS);
            json.writeStartArray();
            for (Consumer consumer : usage.consumers()) {
                if (consumer.shadow()) {
                    consumer(consumer);
                }
            }
            json.writeEndArray();
            json.writeFieldName(PAST_GRANTS);
            grants(usage.pastGrants());
        }
        json.writeEndObject();
    }

    private void totals(ProductUsage usage) throws IOException {
        ProductUsage.Counts c = usage.counts();
        json.writeFieldName(TOTALS);
        json.writeStartObject();
        json.writeFieldName(CONSUMERS);
        json.writeStartObject();
        json.writeFieldName(DECLARED);
        json.writeNumber(c.declared());
        json.writeFieldName(GRANTED);
        json.writeNumber(c.granted());
        json.writeFieldName(OBSERVED);
        json.writeNumber(c.observed());
        json.writeFieldName(SHADOW);
        json.writeNumber(c.shadow());
        json.writeFieldName(TOTAL);
        json.writeNumber(c.total());
        json.writeEndObject();
        json.writeFieldName(READS);
        json.writeNumber(usage.reads());
        optional(LAST_READ_AT, usage.lastReadAt());
        json.writeEndObject();
    }

    private void attention(Attention attention) throws IOException {
        json.writeFieldName(ATTENTION);
        json.writeStartObject();
        json.writeFieldName(PAGE_VIEWS);
        json.writeNumber(attention.pageViews());
        json.writeFieldName(VIEWERS);
        json.writeNumber(attention.viewers());
        json.writeFieldName(CLICK_THROUGHS);
        json.writeNumber(attention.clickThroughs());
        optional(LAST_VIEWED_AT, attention.lastViewedAt());
        json.writeEndObject();
    }

    private void consumer(Consumer consumer) throws IOException {
        json.writeStartObject();
        json.writeFieldName(KINDS);
        json.writeStartArray();
        for (ConsumerKind kind : KIND_ORDER) {
            if (consumer.kinds().contains(kind)) {
                json.writeString(kind.name());
            }
        }
        json.writeEndArray();
        json.writeFieldName(SHADOW);
        json.writeBoolean(consumer.shadow());
        optional(PRODUCT_ID, consumer.productId());
        optional(DOMAIN_ID, consumer.domainId());
        optional(SUBJECT, consumer.subject());
        json.writeFieldName(READS);
        json.writeNumber(consumer.runs());
        optional(FIRST_READ_AT, consumer.firstReadAt());
        optional(LAST_READ_AT, consumer.lastReadAt());
        json.writeFieldName(JOBS);
        json.writeStartArray();
        for (JobUsage job : consumer.jobs()) {
            // A job's fields are written even when null, as UsageResponse.Job has them.
            json.writeStartObject();
            string(JOB, job.job());
            json.writeFieldName(READS);
            json.writeNumber(job.runs());
            instant(FIRST_READ_AT, job.firstReadAt());
            instant(LAST_READ_AT, job.lastReadAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(GRANTS);
        grants(consumer.grants());
        json.writeEndObject();
    }

    private void grants(List<Grant> grants) throws IOException {
        json.writeStartArray();
        for (Grant grant : grants) {
            json.writeStartObject();
            optional(REQUEST_ID, grant.requestId());
            optional(PORT, grant.port());
            optional(PRODUCT_ID, grant.consumerProductId());
            optional(SUBJECT, grant.subject());
            optional(STATUS, grant.status());
            optional(ACTIVE_FROM, grant.activeFrom());
            optional(ACTIVE_UNTIL, grant.activeUntil());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A string field, written as null when it is. */
    private void string(SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    /** A string field, left out when null. */
    private void optional(SerializableString name, String value) throws IOException {
        if (value != null) {
            string(name, value);
        }
    }

    /** An instant field, left out when null. */
    private void optional(SerializableString name, Instant value) throws IOException {
        if (value != null) {
            instant(name, value);
        }
    }

    /** An instant field, written as null when it is. */
    private void instant(SerializableString name, Instant value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
            return;
        }
        int length = InstantText.format(value, instant);
        if (length < 0) {
            json.writeString(value.toString());
        } else {
            json.writeString(instant, 0, length);
        }
    }
}
