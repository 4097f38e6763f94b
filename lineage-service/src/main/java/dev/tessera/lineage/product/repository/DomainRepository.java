package dev.tessera.lineage.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Domains learned from tessera.domains. */
@ApplicationScoped
public class DomainRepository implements PanacheRepositoryBase<DomainEntity, String> {}
