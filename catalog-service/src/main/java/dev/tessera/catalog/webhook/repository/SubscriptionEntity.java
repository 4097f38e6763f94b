package dev.tessera.catalog.webhook.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A webhook subscription: where to deliver which events, and the secret deliveries are signed with. */
@Entity
@Table(name = "subscription")
public class SubscriptionEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String owner;

    /**
     * The owner's {@code sub} (the identity provider's id of the account), for looking up the owner's current
     * rights; null for subscriptions made before it was kept, which are looked up by {@link #owner} name.
     */
    @Column(name = "owner_subject")
    public String ownerSubject;

    @Column(name = "target_url", nullable = false)
    public String targetUrl;

    /**
     * Sealed with the operator's key ({@code SecretBox}): every delivery needs the secret itself for the
     * HMAC, so it cannot be hashed. Never returned by the API.
     */
    @Column(nullable = false)
    public String secret;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "product_ids", nullable = false, columnDefinition = "text[]")
    public String[] productIds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] domains;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    @Column(name = "sees_all", nullable = false)
    public boolean seesAll;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "privileged_domains", nullable = false, columnDefinition = "text[]")
    public String[] privilegedDomains;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
