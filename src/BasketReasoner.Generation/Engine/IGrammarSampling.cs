using BasketReasoner.Generation.Sampling;

namespace BasketReasoner.Generation.Engine;

/// <summary>
/// An <see cref="ILogitsSource"/> whose runtime can enforce a grammar in its own sampler (llama.cpp: GBNF). Used
/// when <see cref="GenerationOptions.UseRuntimeGrammar"/> asks for it instead of the shared JSON automaton.
/// </summary>
internal interface IGrammarSampling
{
    /// <summary>
    /// A sampler over the logits of the last <see cref="ILogitsSource.Append"/>; <paramref name="banned"/> token ids
    /// are never produced. Its <see cref="IGrammarSampler.Sample"/> also advances the grammar past the token.
    /// </summary>
    /// <exception cref="ArgumentException">The grammar does not parse.</exception>
    IGrammarSampler CreateGrammarSampler(string gbnf, SamplingOptions sampling, IReadOnlyCollection<int> banned);
}

/// <summary>Samples the next token under a grammar (and accepts it into the grammar's state).</summary>
internal interface IGrammarSampler : IDisposable
{
    int Sample();
}
