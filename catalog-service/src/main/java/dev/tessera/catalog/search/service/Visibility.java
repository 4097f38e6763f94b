package dev.tessera.catalog.search.service;

import dev.tessera.catalog.index.Facets;
import dev.tessera.catalog.index.Fields;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a caller may see. Platform admins and governance officers see every product as it is being worked
 * on (the {@code internal} view, drafts included); domain owners see their own domains' products that way
 * and everyone else's as published; anyone else authenticated sees only published products (the
 * {@code public} view). Applied as a Lucene filter, so it shapes hits and facet counts alike.
 *
 * @param seesAll admin or governance officer
 * @param domains domains whose unpublished work the caller may see
 */
public record Visibility(boolean seesAll, Set<String> domains) {

    /** The visibility the token grants. */
    public static Visibility of(Caller caller) {
        boolean all = caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER);
        Set<String> owned = caller.hasRole(Roles.DOMAIN_OWNER) ? caller.ownedDomains() : Set.of();
        return new Visibility(all, Set.copyOf(owned));
    }

    /** True when the caller may see a domain's unpublished work. */
    public boolean privilegedIn(String domainId) {
        return seesAll || (domainId != null && domains.contains(domainId));
    }

    /** The filter selecting exactly the view documents this caller may see. */
    public Query filter() {
        Query internal = new TermQuery(new Term(Fields.VIEW, Fields.VIEW_INTERNAL));
        Query published = new TermQuery(new Term(Fields.VIEW, Fields.VIEW_PUBLIC));
        if (seesAll) {
            return internal;
        }
        if (domains.isEmpty()) {
            return published;
        }
        Query own = new TermInSetQuery(
                Facets.DOMAIN.filterField(), domains.stream().map(BytesRef::new).toList());
        Query ownInternal = new BooleanQuery.Builder()
                .add(internal, BooleanClause.Occur.FILTER)
                .add(own, BooleanClause.Occur.FILTER)
                .build();
        Query othersPublished = new BooleanQuery.Builder()
                .add(published, BooleanClause.Occur.FILTER)
                .add(own, BooleanClause.Occur.MUST_NOT)
                .build();
        return new BooleanQuery.Builder()
                .add(ownInternal, BooleanClause.Occur.SHOULD)
                .add(othersPublished, BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    /** For logs and tests. */
    public List<String> describe() {
        return seesAll ? List.of("*") : List.copyOf(domains);
    }
}
