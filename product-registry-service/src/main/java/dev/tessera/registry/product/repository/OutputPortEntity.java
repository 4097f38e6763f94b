package dev.tessera.registry.product.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An output port of one product version, kept relationally to resolve input ports by contract id. */
@Entity
@Table(name = "output_port")
@IdClass(OutputPortEntity.Key.class)
public class OutputPortEntity {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Id
    @Column(name = "product_version")
    public String productVersion;

    @Id
    public String name;

    @Id
    @Column(name = "port_version", nullable = false)
    public String portVersion;

    @Column(name = "port_type")
    public String portType;

    @Column(name = "contract_id")
    public String contractId;

    /** Composite key. */
    public static class Key implements Serializable {
        public String productId;
        public String productVersion;
        public String name;
        public String portVersion;

        public Key() {}

        public Key(String productId, String productVersion, String name, String portVersion) {
            this.productId = productId;
            this.productVersion = productVersion;
            this.name = name;
            this.portVersion = portVersion;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other
                    && java.util.Objects.equals(productId, other.productId)
                    && java.util.Objects.equals(productVersion, other.productVersion)
                    && java.util.Objects.equals(name, other.name)
                    && java.util.Objects.equals(portVersion, other.portVersion);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(productId, productVersion, name, portVersion);
        }
    }
}
