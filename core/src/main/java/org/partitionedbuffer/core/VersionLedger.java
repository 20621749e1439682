package org.partitionedbuffer.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest version a map partition accepted for each key written with {@code putNewer}, kept after the entry is
 * drained and delivered, so a late, older write cannot overtake a newer one that already left the buffer (the
 * reference only compared versions within the current table). Bounded: the keys written least recently are forgotten
 * first. A plain {@code put} or a {@code delete} forgets the key, as they reset its version in the reference.
 *
 * <p>Guarded by the partition lock.
 */
final class VersionLedger {

    /** Keys remembered per partition; ~80 bytes each, so a full ledger holds about 10 MB. */
    static final int KEYS_PER_PARTITION = 1 << 17;

    // Insertion order, re-inserted on every write: the eldest entry is the key written least recently (a version
    // check must not count as use, or a key read often but never written again would be kept forever).
    private final Map<Object, Long> versions = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
            return size() > KEYS_PER_PARTITION;
        }
    };

    /** The newest version accepted for {@code key}, or null when the ledger does not know it. */
    Long versionOf(Object key) {
        return versions.get(key);
    }

    void record(Object key, long version) {
        versions.remove(key);
        versions.put(key, version);
    }

    void forget(Object key) {
        versions.remove(key);
    }
}
