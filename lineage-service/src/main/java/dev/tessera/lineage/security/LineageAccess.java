package dev.tessera.lineage.security;

import dev.tessera.lineage.graph.service.DatasetResolver;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Who may do what with lineage. Reading is open to every Tessera role: lineage is what lets
 * consumers judge a product and owners see who depends on them. Writing OpenLineage events is for
 * platform admins, domain owners (their pipelines, run by hand) and machine clients: OpenLineage
 * integrations in Airflow, Spark or dbt authenticate with client credentials and carry the realm
 * role {@value #LINEAGE_PRODUCER}. Product lineage is not written over HTTP at all: it comes from
 * the registry's and governance's events.
 *
 * <p>Usage is narrower than the graph: everyone who reads lineage sees how much a published product
 * is used, only its domain's owners, governance officers and platform admins see by whom.
 *
 * <p>Raw events are narrower than the graph: they carry whatever their producers put in them (SQL,
 * environment variables, job parameters), so only platform admins, governance officers and the
 * token subject that sent one may read it.
 */
@RequestScoped
public class LineageAccess {

    /** Realm role of the service accounts of OpenLineage integrations. */
    public static final String LINEAGE_PRODUCER = "lineage-producer";

    @Inject
    Caller caller;

    public void requireIngest() {
        if (!(caller.isAdmin() || caller.hasRole(Roles.DOMAIN_OWNER) || caller.hasRole(LINEAGE_PRODUCER))) {
            throw ApiException.forbidden("Only platform admins, domain owners and clients with the role '"
                    + LINEAGE_PRODUCER + "' may send OpenLineage events.");
        }
    }

    public void requireRead() {
        if (!(caller.isAdmin()
                || caller.hasRole(Roles.GOVERNANCE_OFFICER)
                || caller.hasRole(Roles.DOMAIN_OWNER)
                || caller.hasRole(Roles.DATA_CONSUMER)
                || caller.hasRole(LINEAGE_PRODUCER))) {
            throw ApiException.forbidden("Reading lineage needs one of the roles platform-admin, governance-officer, "
                    + "domain-owner, data-consumer or " + LINEAGE_PRODUCER + ".");
        }
    }

    /**
     * A raw OpenLineage event: platform admins, governance officers and its sender (the token subject
     * recorded with it; events stored before senders were recorded have none).
     */
    public void requireRawEventRead(String producerSubject) {
        if (caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER)) {
            return;
        }
        if (producerSubject == null
                || !caller.subject().map(producerSubject::equals).orElse(false)) {
            throw ApiException.forbidden("A raw OpenLineage event may carry SQL and environment details: only platform"
                    + " admins, governance officers and the client that sent it may read it.");
        }
    }

    /**
     * Whose datasets the caller's events may give new names (symlinks): every domain's for platform
     * admins, their own domains' for domain owners, else only datasets no domain's product serves.
     * Read from the token alone, so it can be captured on an event loop.
     */
    public DatasetResolver.Claimant aliasClaimant() {
        return new DatasetResolver.Claimant(
                caller.isAdmin(), caller.hasRole(Roles.DOMAIN_OWNER) ? caller.groups() : Set.of());
    }

    /**
     * Whether the caller sees who uses a product of this domain (its consumers and shadow
     * consumers), and its usage while it is unpublished: platform admins, governance officers and
     * the domain's owners, as the registry and the catalog let the same people see a domain's work in
     * progress. Everyone else who may read lineage sees a published product's totals only.
     */
    public boolean seesConsumersIn(String domainId) {
        return caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER) || caller.ownsDomain(domainId);
    }

    /** The ingest audit trail: platform admins and governance officers. */
    public void requireAuditRead() {
        if (!(caller.isAdmin() || caller.hasRole(Roles.GOVERNANCE_OFFICER))) {
            throw ApiException.forbidden(
                    "Only platform admins and governance officers may read the ingest audit trail.");
        }
    }
}
