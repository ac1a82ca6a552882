package io.winnow.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter 2019) as {@code torch.optim.AdamW} computes it: the weight decays by
 * {@code lr·wd} first, then moves by {@code lr/(1-β1ᵗ) · m / (sqrt(v)/sqrt(1-β2ᵗ) + ε)}. Weight decay applies to
 * matrices only (embeddings, projections, head), not to norm gains. The moments live in this class, so a
 * checkpoint can save and restore them bit for bit ({@link #state()}, {@link #load}).
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private long step;

    public AdamW(NDManager manager, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1)");
        if (!(eps > 0)) throw new IllegalArgumentException("adam eps must be positive");
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight_decay must not be negative");
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** Whether a parameter of this shape is decayed: matrices yes, vectors (norm gains) no. */
    public static boolean decays(NDArray param) {
        return param.getShape().dimension() >= 2;
    }

    /** One update of every parameter from its gradient (call outside a gradient collector). */
    public void update(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = grads.get(e.getKey());
            NDArray[] mv = moments.computeIfAbsent(e.getKey(), k -> newMoments(p));
            NDArray m = mv[0];
            NDArray v = mv[1];
            if (weightDecay > 0 && decays(p)) p.muli((float) (1 - lr * weightDecay));
            m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi((float) eps);
            p.subi(m.div(denom).muli((float) (lr / bc1)));
        }
    }

    private NDArray[] newMoments(NDArray p) {
        NDArray m = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        NDArray v = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        NDScope.unregister(m, v); // they outlive the step that creates them
        return new NDArray[] {m, v};
    }

    /** Updates taken so far (t in the bias corrections). */
    public long steps() { return step; }

    /** The first and second moments by parameter name, named {@code m:NAME} and {@code v:NAME}. */
    public NDList state() {
        NDList out = new NDList();
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            e.getValue()[0].setName("m:" + e.getKey());
            e.getValue()[1].setName("v:" + e.getKey());
            out.add(e.getValue()[0]);
            out.add(e.getValue()[1]);
        }
        return out;
    }

    /** Restores moments saved by {@link #state()} and the step count; the arrays are copied into this optimizer's manager. */
    public void load(NDList state, long steps) {
        for (NDArray[] mv : moments.values()) {
            mv[0].close();
            mv[1].close();
        }
        moments.clear();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i + 1 < state.size(); i += 2) {
            NDArray m = state.get(i);
            NDArray v = state.get(i + 1);
            if (m.getName() == null || !m.getName().startsWith("m:") || v.getName() == null || !v.getName().equals("v:" + m.getName().substring(2))) {
                missing.add(String.valueOf(m.getName()));
                continue;
            }
            NDArray mc = m.duplicate();
            NDArray vc = v.duplicate();
            mc.attach(manager);
            vc.attach(manager);
            NDScope.unregister(mc, vc);
            moments.put(m.getName().substring(2), new NDArray[] {mc, vc});
        }
        if (!missing.isEmpty()) throw new IllegalArgumentException("optimizer state has unpaired moments: " + missing);
        this.step = steps;
    }
}
