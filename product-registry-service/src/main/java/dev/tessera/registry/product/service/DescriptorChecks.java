package dev.tessera.registry.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.http.problem.Problem;
import dev.tessera.platform.problem.ApiException;
import dev.tessera.platform.security.Caller;
import dev.tessera.registry.domain.repository.DomainRepository;
import dev.tessera.registry.product.repository.ProductStore;
import dev.tessera.standards.Violation;
import dev.tessera.standards.contract.SemanticVersion;
import dev.tessera.standards.descriptor.DescriptorRules;
import dev.tessera.standards.descriptor.DescriptorView;
import dev.tessera.standards.text.UserText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The first half of every apply: the checks a submission must pass whatever the product already holds. Each refusal
 * is a 400 (or 403) naming the field, thrown before the product is read or locked, so a bad submission costs no lock.
 * Validation collects every problem of the descriptor at once, sorted by path, rather than stopping at the first.
 *
 * <p>{@link #check} runs on the caller's thread and reads only the domain; whether the contract ids a descriptor
 * claims are free ({@link #checkPorts}) is decided where the write is planned, from holders read for many writes at
 * once.
 */
@ApplicationScoped
public class DescriptorChecks {

    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Inject
    DescriptorRules rules;

    @Inject
    ContractResolver contracts;

    @Inject
    DomainRepository domains;

    @Inject
    Caller caller;

    /**
     * Domains found to exist. Domains are never deleted, so one found once stays found and later writes to it skip
     * the read; who owns it is still read for every write that needs to know ({@link Caller#requireDomainWrite}).
     */
    private final Set<String> knownDomains = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Checks a submission for {@code productId}: the id, the descriptor (with its bundled contracts attached to their
     * ports, and problems inside them pointed at their bundle documents), the domain and the caller's right to write
     * to it. The result has no warnings yet: {@link #checkPorts} adds them.
     */
    public CheckedDescriptor check(String productId, Submission submission) {
        JsonNode body = submission.product();
        if (!PRODUCT_ID.matcher(productId).matches()) {
            throw ApiException.invalidField(
                    "id",
                    "product ids use letters, digits, '.', '_' and '-' (up to 128), starting with a letter or digit");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("/", "send a descriptor object (ODPS with inline ODCS contracts)");
        }
        ObjectNode descriptor = ((ObjectNode) body).deepCopy();
        JsonNode givenId = descriptor.get("id");
        if (givenId == null || givenId.isNull()) {
            descriptor.put("id", productId);
        } else if (!givenId.isTextual()) {
            // Never render the value: a list here is exactly what an alias bomb would expand.
            throw ApiException.invalidField("/id", "the descriptor's id must be the string '" + productId + "'");
        } else if (!givenId.asText().equals(productId)) {
            throw ApiException.invalidField(
                    "/id",
                    "the descriptor's id " + UserText.quote(givenId.asText()) + " differs from '" + productId
                            + "' in the URL");
        }
        Map<Integer, Integer> bundled = contracts.attachBundle(descriptor, submission.contracts());
        try {
            validate(descriptor);
        } catch (ApiException e) {
            throw contracts.inDocuments(e, bundled);
        }
        DescriptorView view = new DescriptorView(descriptor);
        SemanticVersion version = ProductProblems.semanticVersion(view.version(), "/version");
        String domainId = view.domain();
        if (!knownDomains.contains(domainId)) {
            if (domains.findById(domainId) == null) {
                throw ApiException.invalidField(
                        "/domain", "no domain " + UserText.quote(domainId) + "; create it first or fix the name");
            }
            knownDomains.add(domainId);
        }
        caller.requireDomainWrite(domainId);
        return new CheckedDescriptor(productId, domainId, version, descriptor, List.of(), bundled, submission.form());
    }

    private void validate(ObjectNode descriptor) {
        List<Violation> violations = rules.check(descriptor);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.path(), v.message()))
                    .toList();
            throw ApiException.validation(
                    "The descriptor has " + errors.size() + " problem(s); each entry in `errors` names the field.",
                    errors);
        }
    }

    /** The contract ids the descriptor's output and input ports name: what {@link #checkPorts} needs the holders of. */
    public static Set<String> contractIds(CheckedDescriptor checked) {
        DescriptorView view = new DescriptorView(checked.descriptor());
        Set<String> ids = new java.util.LinkedHashSet<>();
        view.outputPorts().stream()
                .map(DescriptorView.OutputPortView::contractId)
                .filter(java.util.Objects::nonNull)
                .forEach(ids::add);
        view.inputPorts().stream()
                .map(DescriptorView.InputPortRef::contractId)
                .filter(java.util.Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }

    /**
     * Contract ids belong to one product; unresolved input ports are worth a warning, not a refusal.
     *
     * @param holders the stored ports carrying each of {@link #contractIds} (absent: none)
     * @param claimed contract ids claimed by writes decided earlier in the same transaction, with their product
     *     ({@link #claim})
     * @return the descriptor with its warnings
     * @throws ApiException (400) naming {@code /outputPorts/<i>/contractId} for a contract another product holds
     */
    public CheckedDescriptor checkPorts(
            CheckedDescriptor checked,
            Map<String, List<ProductStore.ContractHolder>> holders,
            Map<String, String> claimed) {
        String productId = checked.productId();
        DescriptorView view = new DescriptorView(checked.descriptor());
        List<Problem.FieldError> errors = new ArrayList<>();
        List<DescriptorView.OutputPortView> outputs = view.outputPorts();
        for (int i = 0; i < outputs.size(); i++) {
            String contractId = outputs.get(i).contractId();
            if (contractId == null) {
                continue;
            }
            for (ProductStore.ContractHolder other : holders.getOrDefault(contractId, List.of())) {
                if (!other.productId().equals(productId)) {
                    errors.add(new Problem.FieldError(
                            "/outputPorts/" + i + "/contractId",
                            "contract " + UserText.quote(contractId) + " already belongs to port "
                                    + UserText.quote(other.portName()) + " of product '" + other.productId()
                                    + "'; give this contract its own id"));
                    break;
                }
            }
            String earlier = claimed.get(contractId);
            if (earlier != null && !earlier.equals(productId) && errors.isEmpty()) {
                errors.add(new Problem.FieldError(
                        "/outputPorts/" + i + "/contractId",
                        "contract " + UserText.quote(contractId) + " is claimed by product '" + earlier
                                + "', written together with this one; give this contract its own id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Contract ids must be unique across products.", errors);
        }
        List<String> warnings = new ArrayList<>();
        for (DescriptorView.InputPortRef input : view.inputPorts()) {
            if (input.contractId() != null
                    && !holders.containsKey(input.contractId())
                    && !claimed.containsKey(input.contractId())) {
                warnings.add("input port " + UserText.quote(input.name()) + " refers to contract "
                        + UserText.quote(input.contractId())
                        + ", which no registered output port carries yet; lineage links it once one does");
            }
        }
        return checked.withWarnings(warnings);
    }

    /** Records the contract ids a decided write's output ports claim, for the writes decided after it. */
    public static void claim(CheckedDescriptor checked, Map<String, String> claimed) {
        new DescriptorView(checked.descriptor())
                .outputPorts().stream()
                        .map(DescriptorView.OutputPortView::contractId)
                        .filter(java.util.Objects::nonNull)
                        .forEach(contractId -> claimed.put(contractId, checked.productId()));
    }
}
