package dev.tessera.lineage.product.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Products, the contracts their output ports carry and the contracts their input ports name. Input
 * ports are kept even while no product offers their contract, so the edge appears as soon as the
 * upstream product is registered, in whichever order the events come.
 */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, String> {

    /** The port node offering a contract. */
    public Optional<Integer> portOfContract(String contractId) {
        List<?> rows = getEntityManager()
                .createNativeQuery("SELECT port_node_id FROM port_contract WHERE contract_id = ?1")
                .setParameter(1, contractId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.getFirst()).intValue());
    }

    public void offerContract(String contractId, int portNodeId, String productId) {
        getEntityManager()
                .createNativeQuery("INSERT INTO port_contract (contract_id, port_node_id, product_id) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT (contract_id) DO UPDATE "
                        + "SET port_node_id = EXCLUDED.port_node_id, product_id = EXCLUDED.product_id")
                .setParameter(1, contractId)
                .setParameter(2, portNodeId)
                .setParameter(3, productId)
                .executeUpdate();
    }

    /** Contracts a product offered before that it no longer offers, with their port nodes; removes them. */
    @SuppressWarnings("unchecked")
    public List<Object[]> withdrawContractsExcept(String productId, Collection<String> kept) {
        List<Object[]> gone = getEntityManager()
                .createNativeQuery("SELECT contract_id, port_node_id FROM port_contract WHERE product_id = ?1")
                .setParameter(1, productId)
                .getResultList();
        List<Object[]> withdrawn =
                gone.stream().filter(r -> !kept.contains((String) r[0])).toList();
        for (Object[] row : withdrawn) {
            getEntityManager()
                    .createNativeQuery("DELETE FROM port_contract WHERE contract_id = ?1")
                    .setParameter(1, row[0])
                    .executeUpdate();
        }
        return withdrawn;
    }

    /** Replaces the input ports a product declares: (input port name, contract id) pairs. */
    public void replaceInputs(String productId, List<String[]> inputs) {
        getEntityManager()
                .createNativeQuery("DELETE FROM product_input WHERE product_id = ?1")
                .setParameter(1, productId)
                .executeUpdate();
        for (String[] input : inputs) {
            getEntityManager()
                    .createNativeQuery("INSERT INTO product_input (product_id, port_name, contract_id) "
                            + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, productId)
                    .setParameter(2, input[0])
                    .setParameter(3, input[1])
                    .executeUpdate();
        }
    }

    /** Input ports of any product that name a contract: (product id, input port name) pairs. */
    @SuppressWarnings("unchecked")
    public List<Object[]> inputsNaming(String contractId) {
        return getEntityManager()
                .createNativeQuery("SELECT product_id, port_name FROM product_input WHERE contract_id = ?1")
                .setParameter(1, contractId)
                .getResultList();
    }

    /** Input ports whose contract no known product offers: (product id, port name, contract id). */
    @SuppressWarnings("unchecked")
    public List<Object[]> unresolvedInputs(int limit) {
        return getEntityManager()
                .createNativeQuery("SELECT i.product_id, i.port_name, i.contract_id FROM product_input i "
                        + "LEFT JOIN port_contract c ON c.contract_id = i.contract_id WHERE c.contract_id IS NULL "
                        + "ORDER BY i.product_id, i.port_name LIMIT ?1")
                .setParameter(1, limit)
                .getResultList();
    }
}
