using BasketReasoner.Generation.Tokenization;

namespace BasketReasoner.Generation.Tests.Tokenization;

public class ModelTokenizerTests
{
    private static readonly ModelTokenizer s_tokenizer = ModelTokenizer.Load(Path.Combine(TestModels.Tiny, "tokenizer.json"), 1324, [2]);

    [Theory]
    [InlineData("Which of these products is it?")]
    [InlineData("Arla Mjölk 3%; Oatly Havredryck Berikad Färsk — 1,5 kg  \n\n end")]
    [InlineData("emoji 🛒 and ünïcödé, tabs\tand 12345")]
    [InlineData("")]
    public void EncodeDecode_RoundTrips(string text)
    {
        Assert.Equal(text, s_tokenizer.Decode(s_tokenizer.Encode(text)));
    }

    [Fact]
    public void EncodeTemplate_SpecialTokens_MapToTheirIdsUnsplit()
    {
        var ids = s_tokenizer.EncodeTemplate("<|user|>\n<image>hi<|end|>");
        Assert.Equal(s_tokenizer.SpecialTokens["<|user|>"], ids[0]);
        Assert.Contains(s_tokenizer.SpecialTokens["<image>"], ids);
        Assert.Equal(s_tokenizer.SpecialTokens["<|end|>"], ids[^1]);
    }

    [Fact]
    public void Vocabulary_ByteTokens_CoverEveryByte()
    {
        var v = s_tokenizer.Vocabulary;
        var singles = Enumerable.Range(0, v.Count).Where(id => !v.IsSpecial(id) && v.BytesOf(id).Length == 1).Select(id => v.BytesOf(id)[0]).ToHashSet();
        Assert.Equal(256, singles.Count);
    }
}
