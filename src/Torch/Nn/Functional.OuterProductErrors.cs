using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Rows per tile of <see cref="outer_product_errors"/> by default.</summary>
            public const int OuterProductErrorsTile = 512;

            /// <summary>
            /// Weighted argmax errors of K stacked readouts in one native pass: with S = E V (N, K M),
            /// pred_k(x) = argmax_y S[x, k M + y] (the first maximum, as <see cref="Tensor.argmax"/>) and
            /// err_k = sum_x p(x) 1[pred_k(x) != f*(x)], returns err (K) float64.
            /// S is computed in tiles of <paramref name="tile"/> rows (never for all N at once), each tile's argmax and
            /// sum done while it is in cache; the tiles are split over <paramref name="threads"/> threads and their
            /// partial sums added in tile order, so the result does not depend on the thread count.
            /// </summary>
            /// <param name="e">E (N, d) float32.</param>
            /// <param name="readout">V (d, K M) float32, block k = columns k M .. k M + M - 1.</param>
            /// <param name="labels">f*(x) (N) int64 in [0, M).</param>
            /// <param name="weights">p(x) (N) float64.</param>
            /// <param name="classes">M.</param>
            /// <param name="tile">Rows per tile.</param>
            /// <param name="threads">Worker threads (1: the calling thread only).</param>
            public static Tensor outer_product_errors(Tensor e, Tensor readout, Tensor labels, Tensor weights, long classes,
                int tile = OuterProductErrorsTile, int threads = 1) =>
                Tensor.From(NativeMethods.tt_outer_product_errors(e.Handle, readout.Handle, labels.Handle, weights.Handle, classes, tile, threads));
        }
    }
}
