using System.Diagnostics;
using System.Runtime.CompilerServices;
using Trainer.Data.Randomness;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Node2Vec;

/// <summary>Options of word2vec's SGD (the fast path); defaults are gensim's Word2Vec defaults.</summary>
public sealed record SkipGramSgdOptions
{
    /// <summary>Starting learning rate alpha (gensim 0.025).</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>Final learning rate; alpha decays linearly over all epochs (gensim 0.0001).</summary>
    public double MinAlpha { get; init; } = 0.0001;

    /// <summary>Passes over the walks.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// word2vec's reduced window: each position draws b in [0, window) and uses window - b (on average about
    /// (window + 1) / 2 contexts each side); false uses every pair of the full window.
    /// </summary>
    public bool ReducedWindow { get; init; } = true;

    /// <summary>Worker threads (0 = all cores). Above 1 the updates race (Hogwild), so results vary run to run.</summary>
    public int Threads { get; init; }

    /// <summary>Estimate each epoch's mean loss from one pair in <see cref="LossSampleEvery"/>; false reports NaN losses.</summary>
    public bool TrackLoss { get; init; } = true;

    /// <summary>Pairs between two loss samples (a log per target costs about a third of the time when taken on every pair).</summary>
    public int LossSampleEvery { get; init; } = 16;

    /// <summary>Seed of the window draws and negatives.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (!(Alpha > 0) || MinAlpha < 0 || MinAlpha > Alpha || Epochs < 1)
        {
            throw new ArgumentException($"need alpha > 0, 0 <= min_alpha <= alpha and epochs >= 1; got alpha {Alpha}, min_alpha {MinAlpha}, epochs {Epochs}");
        }
    }
}

/// <summary>
/// word2vec's skip-gram SGD with negative sampling (Mikolov et al. 2013; gensim's <c>train_batch_sg</c> does the same
/// maths), run over the walks of a <see cref="SkipGramCorpus"/> straight from memory: for each walk position i and each
/// context j in its window, with centre u = walk[i], targets t_0 = walk[j] (label 1) and k negatives (label 0),
/// <code>
///   g_t   = alpha * (label_t - sigma(w_u . c_t))
///   c_t  += g_t * w_u          (each target, in turn)
///   w_u  += sum_t g_t * c_t    (after all targets)
/// </code>
/// the per-pair gradient step of the loss in <see cref="SkipGramModel"/>, alpha decaying linearly. Threads take blocks
/// of walks and update the shared tables without locks (Hogwild). The tables are copied out of the model, trained as
/// float arrays with SIMD dot products, and copied back.
/// </summary>
public static class SkipGramSgd
{
    private const int BlockWalks = 64;
    private const int ProgressChunk = 4096;

    /// <summary>Trains the model's tables in place; returns pairs, seconds and the mean loss of each epoch.</summary>
    public static SkipGramTrainResult Train(SkipGramModel model, SkipGramCorpus corpus, SkipGramSgdOptions options)
    {
        options.Validate();
        if (corpus.NodeCount != model.Config.NodeCount)
        {
            throw new ArgumentException($"the corpus has {corpus.NodeCount} nodes but the model {model.Config.NodeCount}");
        }

        float[] input = model.input.weight.data<float>();
        float[] output = model.output is null ? input : model.output.weight.data<float>();
        var job = new Job(corpus, options, model.Config, input, output);
        var clock = Stopwatch.StartNew();
        var losses = new List<double>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            losses.Add(job.RunEpoch(epoch));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        using (no_grad())
        {
            model.input.weight.CopyFrom<float>(input);
            model.output?.weight.CopyFrom<float>(output);
        }

        return new SkipGramTrainResult(options.Epochs, job.Pairs, seconds, losses);
    }

    private sealed class Job
    {
        private readonly SkipGramCorpus _corpus;
        private readonly SkipGramSgdOptions _options;
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly int _dim;
        private readonly int _negatives;
        private readonly long _totalWords;
        private long _wordsDone;
        private long _pairs;
        private double _lossSum;
        private long _lossTerms;

        public Job(SkipGramCorpus corpus, SkipGramSgdOptions options, SkipGramConfig config, float[] input, float[] output)
        {
            _corpus = corpus;
            _options = options;
            _input = input;
            _output = output;
            _dim = config.Dim;
            _negatives = config.Negatives;
            _totalWords = (long)corpus.Walks.Count(v => v >= 0) * options.Epochs;
        }

        public long Pairs => Interlocked.Read(ref _pairs);

        // alpha = alpha_0 - (alpha_0 - alpha_min) * (words done / all words of all epochs).
        public float CurrentAlpha()
        {
            double frac = Math.Min(1.0, (double)Interlocked.Read(ref _wordsDone) / Math.Max(1, _totalWords));
            return (float)(_options.Alpha - (_options.Alpha - _options.MinAlpha) * frac);
        }

        // Returns the epoch's mean loss per pair.
        public double RunEpoch(int epoch)
        {
            _lossSum = 0;
            _lossTerms = 0;
            int blocks = (_corpus.WalkCount + BlockWalks - 1) / BlockWalks;
            ulong epochSeed = Rng.DeriveSeed(_options.Seed, (ulong)epoch);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelStreams.ResolveThreads(_options.Threads) };
            Parallel.For(0, blocks, parallel, () => new Worker(this), (b, _, worker) =>
            {
                worker.RunBlock(b, Rng.ForStream(epochSeed, (ulong)b));
                return worker;
            }, worker => worker.Flush());
            return _lossTerms > 0 && _options.TrackLoss ? _lossSum / _lossTerms : double.NaN;
        }

        private sealed class Worker(Job job)
        {
            private readonly float[] _grad = new float[job._dim];
            private long _words;
            private long _pairs;
            private double _loss;
            private float _alpha = job.CurrentAlpha();
            private readonly bool _trackLoss = job._options.TrackLoss;
            private readonly int _lossEvery = Math.Max(1, job._options.LossSampleEvery);
            private long _lossPairs;

            public void RunBlock(int block, Rng rng)
            {
                SkipGramCorpus c = job._corpus;
                int last = Math.Min(c.WalkCount, (block + 1) * BlockWalks);
                for (int w = block * BlockWalks; w < last; w++)
                {
                    RunWalk(c.Walks.AsSpan(w * c.WalkLength, c.ValidLength(w)), rng);
                }
            }

            public void Flush()
            {
                Report();
                lock (job)
                {
                    job._lossSum += _loss;
                    job._lossTerms += _lossPairs;
                }

                Interlocked.Add(ref job._pairs, _pairs);
                _pairs = 0;
                _lossPairs = 0;
                _loss = 0;
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private void RunWalk(ReadOnlySpan<int> walk, Rng rng)
            {
                int window = job._corpus.Window;
                for (int i = 0; i < walk.Length; i++)
                {
                    int reach = job._options.ReducedWindow ? window - rng.NextInt(window) : window;
                    int lo = Math.Max(0, i - reach);
                    int hi = Math.Min(walk.Length - 1, i + reach);
                    for (int j = lo; j <= hi; j++)
                    {
                        if (j != i)
                        {
                            TrainPair(walk[i], walk[j], rng);
                        }
                    }

                    if (++_words % ProgressChunk == 0)
                    {
                        Report();
                    }
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private void TrainPair(int centre, int context, Rng rng)
            {
                int d = job._dim;
                Span<float> w = job._input.AsSpan(centre * d, d);
                Span<float> grad = _grad;
                grad.Clear();
                bool sampleLoss = _trackLoss && _pairs % _lossEvery == 0;
                for (int k = 0; k <= job._negatives; k++)
                {
                    int target = k == 0 ? context : job._corpus.Sampler.Sample(rng);
                    if (k > 0 && target == context)
                    {
                        continue;
                    }

                    Span<float> ct = job._output.AsSpan(target * d, d);
                    float f = VectorMath.Dot(w, ct);
                    float label = k == 0 ? 1f : 0f;
                    float sig = 1f / (1f + MathF.Exp(-f));
                    if (sampleLoss)
                    {
                        _loss -= MathF.Log(k == 0 ? Math.Max(sig, 1e-30f) : Math.Max(1f - sig, 1e-30f));
                    }

                    float g = (label - sig) * _alpha;
                    VectorMath.AxpyPair(g, w, ct, grad);
                }

                VectorMath.Axpy(1f, grad, w);
                if (sampleLoss)
                {
                    _lossPairs++;
                }

                _pairs++;
            }

            // Publishes the words done and refreshes alpha from the global progress.
            private void Report()
            {
                Interlocked.Add(ref job._wordsDone, _words);
                _words = 0;
                _alpha = job.CurrentAlpha();
            }
        }
    }
}
