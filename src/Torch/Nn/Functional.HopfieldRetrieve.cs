using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// <paramref name="steps"/> updates of the modern Hopfield network (Ramsauer et al. 2021, eq. 3) in one
            /// native call:
            /// <code>
            ///   xi_{t+1} = softmax(beta xi_t X^T) X        X (M, d) patterns, xi (B, d) states, scores (B, M)
            /// </code>
            /// returning xi after the last update, (B, d). The (B, M) scores never exist: query blocks of
            /// <paramref name="query_tile"/> rows walk the patterns in tiles of <paramref name="pattern_tile"/> rows
            /// (a single-threaded GEMM, exp and row sums in place, a second GEMM accumulating), shifted by a running
            /// row maximum unless |beta| max||xi|| max||x|| &lt;= 60 bounds every score. The query blocks are shared
            /// by <paramref name="threads"/> native threads while OpenBLAS is held at one thread. Float32 contiguous
            /// CPU tensors that do not require grad; the result carries no autograd history. OpenBLAS's thread count is
            /// process-wide: a BLAS call made by another thread while this one runs gets one thread.
            /// </summary>
            /// <param name="X">Stored patterns (M, d), M &gt;= 1.</param>
            /// <param name="xi">States (queries) (B, d).</param>
            /// <param name="beta">Inverse temperature.</param>
            /// <param name="steps">Number of updates (0 returns a copy of xi).</param>
            /// <param name="threads">Native threads; 0 = the engine's BLAS thread count (<see cref="Runtime.BlasThreads"/>).</param>
            /// <param name="query_tile">Queries per block; 0 = 256.</param>
            /// <param name="pattern_tile">Patterns per tile; 0 = 1024 (a 1 MB score tile with 256 queries).</param>
            /// <exception cref="TorchException">Wrong shapes (the message names both), dtype, device, layout,
            /// inputs requiring grad, or negative arguments.</exception>
            public static Tensor hopfield_retrieve(Tensor X, Tensor xi, double beta, int steps, int threads = 0,
                int query_tile = 0, int pattern_tile = 0)
            {
                IntPtr result = NativeMethods.tt_hopfield_retrieve(X.Handle, xi.Handle, beta, steps, query_tile, pattern_tile, threads);
                return Tensor.From(result);
            }
        }
    }
}
