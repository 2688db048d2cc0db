using System.Buffers;
using BasketReasoner.Generation.Engine;
using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Constraints;

/// <summary>
/// Scores every candidate continuation exactly: the sum of its tokens' log-probabilities (each candidate ends with
/// an end token, so "apple" and "apple juice" differ). Candidates share prefixes through a token trie, and one
/// forward step is run per trie edge that has children: a depth-first walk appends the edge token, recurses, then
/// truncates the cache back. The answer is the argmax, so the output can only ever be one of the candidates.
/// </summary>
internal static class CandidateScorer
{
    private sealed class TrieNode
    {
        public readonly Dictionary<int, TrieNode> Children = [];
        public readonly List<int> Ends = []; // candidates whose sequence ends at this node
    }

    /// <param name="source">Holds the prompt; <paramref name="promptLogits"/> are its next-token logits.</param>
    /// <param name="candidates">Token ids per candidate, each already ending with its end token.</param>
    /// <returns>Total log-probability per candidate, and the number of forward steps run.</returns>
    public static (double[] LogProbabilities, int Steps) Score(ILogitsSource source, ReadOnlySpan<float> promptLogits, IReadOnlyList<int[]> candidates)
    {
        var root = new TrieNode();
        for (int c = 0; c < candidates.Count; c++)
        {
            if (candidates[c].Length == 0) throw new ArgumentException($"Candidate {c} has no tokens.", nameof(candidates));
            var node = root;
            foreach (var token in candidates[c])
            {
                if (!node.Children.TryGetValue(token, out var child))
                {
                    child = new TrieNode();
                    node.Children.Add(token, child);
                }

                node = child;
            }

            node.Ends.Add(c);
        }

        var scores = new double[candidates.Count];
        int steps = 0;
        Walk(source, root, promptLogits, 0.0, scores, ref steps);
        return (scores, steps);
    }

    private static void Walk(ILogitsSource source, TrieNode node, ReadOnlySpan<float> logits, double prefix, double[] scores, ref int steps)
    {
        double logZ = LogProbabilities.LogSumExp(logits);
        int length = source.Length;
        var saved = ArrayPool<float>.Shared.Rent(logits.Length);
        try
        {
            logits.CopyTo(saved);
            foreach (var (token, child) in node.Children)
            {
                double score = prefix + saved[token] - logZ;
                foreach (var c in child.Ends) scores[c] = score;
                if (child.Children.Count == 0) continue;
                var next = source.Append([token]);
                steps++;
                Walk(source, child, next, score, scores, ref steps);
                source.Truncate(length);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(saved);
        }
    }
}
