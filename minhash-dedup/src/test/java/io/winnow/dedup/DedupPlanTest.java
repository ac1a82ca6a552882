package io.winnow.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.dedup.cluster.KeepRule;
import io.winnow.dedup.lsh.BandLayout;
import io.winnow.dedup.shingle.ShingleSpec;
import io.winnow.dedup.verify.VerifyMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupPlanTest {
    static DedupPlan plan(String... sets) {
        Config c = Config.empty("test").set(List.of(sets));
        return DedupPlan.of(c.bind(DedupSettings.class));
    }

    @Test
    void presetsCarryThePublishedParameters() {
        DedupPlan fw = plan();
        assertEquals("fineweb", fw.preset());
        assertEquals(new BandLayout(14, 8), fw.layout());
        assertEquals(112, fw.numPerm());
        assertEquals(5, fw.shingles().size());
        assertEquals(1, fw.seed());
        DedupPlan nemo = plan("preset=nemo");
        assertEquals(new BandLayout(20, 13), nemo.layout());
        assertEquals(ShingleSpec.Unit.CHAR, nemo.shingles().unit());
        assertEquals(24, nemo.shingles().size());
        assertEquals(0.8, nemo.verifyThreshold());
        DedupPlan rp2 = plan("preset=rp2");
        assertEquals(128, rp2.numPerm());
        assertEquals(13, rp2.shingles().size());
        assertEquals(new BandLayout(14, 9), rp2.layout()); // optimized for its threshold 0.7
        assertEquals(new BandLayout(9, 13), plan("preset=rp2", "threshold=0.8").layout());
    }

    @Test
    void thresholdOrPermutationsReoptimizeTheBands() {
        assertEquals(new BandLayout(25, 10), plan("threshold=0.7", "num_perm=256").layout());
        DedupPlan p = plan("bands=10", "rows=5");
        assertEquals(new BandLayout(10, 5), p.layout());
        assertEquals(50, p.numPerm());
        assertEquals(0.75, p.verifyThreshold());
        assertEquals(0.9, plan("verify.threshold=0.9").verifyThreshold());
        assertEquals(KeepRule.QUALITY, plan("keep=quality").keep());
        assertEquals(1, plan("verify.method=none").bucketAnchors());
        assertEquals(VerifyMethod.SIGNATURE, plan("verify.method=signature").verify());
    }

    @Test
    void shippedConfigSpellsOutTheDefaults() {
        java.nio.file.Path file = io.winnow.core.testing.Corpora.repo().resolve("configs/dedup/default.yaml");
        DedupSettings s = Config.load(file).bind(DedupSettings.class);
        assertEquals(plan(), DedupPlan.of(s));
        assertEquals("local", s.engine);
    }

    @Test
    void badValuesNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> plan("preset=datatrove"));
        assertTrue(e.getMessage().contains("preset must be fineweb, nemo or rp2"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> plan("bands=20", "rows=10", "num_perm=100"));
        assertTrue(e.getMessage().contains("exceeds num_perm"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> plan("bands=20"));
        assertTrue(e.getMessage().contains("both bands and rows"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> plan("shingle.unit=sentence"));
        assertTrue(e.getMessage().contains("shingle.unit must be word, char or auto"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> plan("threshold=1.5"));
        assertTrue(e.getMessage().contains("threshold must be in (0, 1]"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> plan("engine=ray"));
        assertTrue(e.getMessage().contains("engine must be local or spark"), e.getMessage());
    }
}
