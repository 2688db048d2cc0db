using System.Text.Json.Nodes;
using BasketReasoner.Generation.Model;

namespace BasketReasoner.Generation.Tests.Model;

public class ModelFolderTests
{
    private static InvalidModelException OpenBroken(Action<string> breakIt)
    {
        var dir = TestModels.CopyToTemp(TestModels.Tiny);
        try
        {
            breakIt(dir);
            return Assert.Throws<InvalidModelException>(() => GenerationEngine.Open(dir).Dispose());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void EditConfig(string dir, Action<JsonObject> edit)
    {
        var path = Path.Combine(dir, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    [Fact]
    public void Open_MissingFolder_NamesIt()
    {
        var e = Assert.Throws<InvalidModelException>(() => GenerationEngine.Open("/nonexistent/model"));
        Assert.Contains("/nonexistent/model", e.Message);
    }

    [Theory]
    [InlineData("config.json")]
    [InlineData("tokenizer.json")]
    [InlineData("embed_tokens.onnx")]
    [InlineData("decoder_model_merged.onnx")]
    public void Open_MissingFile_NamesTheFile(string file)
    {
        var e = OpenBroken(dir => File.Delete(Path.Combine(dir, file)));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void Open_HeadDimMismatch_NamesTheTensor()
    {
        var e = OpenBroken(dir => EditConfig(dir, c => c["head_dim"] = 16));
        Assert.Contains("past_key_values.0.key", e.Message);
        Assert.Contains("decoder_model_merged.onnx", e.Message);
    }

    [Fact]
    public void Open_LayerCountMismatch_Explains()
    {
        var e = OpenBroken(dir => EditConfig(dir, c => c["num_hidden_layers"] = 1));
        Assert.Contains("num_hidden_layers", e.Message);
    }

    [Fact]
    public void Open_VocabMismatch_NamesLogits()
    {
        var e = OpenBroken(dir => EditConfig(dir, c => c["vocab_size"] = 5000));
        Assert.Contains("logits", e.Message);
    }

    [Fact]
    public void Open_CorruptOnnx_NamesTheFile()
    {
        var e = OpenBroken(dir => File.WriteAllText(Path.Combine(dir, "embed_tokens.onnx"), "not a model"));
        Assert.Contains("embed_tokens.onnx", e.Message);
    }

    [Fact]
    public void Open_MissingChatTemplate_Explains()
    {
        var e = OpenBroken(dir => EditConfig(dir, c => c.Remove("chat_template")));
        Assert.Contains("chat_template", e.Message);
    }
}
