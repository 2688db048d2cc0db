using BasketReasoner.Core.Prompts;

namespace BasketReasoner.Tests.Prompts;

public sealed class PromptFileTests
{
    [Fact]
    public void Parse_HeaderComment_NameAndVersionFromHeaderAndWholeBodyIsUser()
    {
        var p = PromptFile.Parse("<!-- prompt: assistant/answer version: 3 -->\nFacts: {{facts}}\nQ: {{question}}\n", "x", "v0");

        Assert.Equal("assistant/answer", p.Task);
        Assert.Equal("3", p.Version);
        Assert.Equal(string.Empty, p.System);
        Assert.Equal("Facts: {{facts}}\nQ: {{question}}", p.User);
        Assert.Equal(["facts", "question"], p.Placeholders);
    }

    [Fact]
    public void Parse_FrontMatter_KeysReadableAndSystemFromMetadata()
    {
        var p = PromptFile.Parse("---\nname: choose-product\nversion: 2\nseparator: \"; \"\nsystem: Be brief.\n---\nWhich? {{candidates}}\n", "t", "v1");

        Assert.Equal("choose-product/2@" + p.Hash, p.Id);
        Assert.Equal("; ", p.Metadata["SEPARATOR"]);
        Assert.Equal("Be brief.", p.System);
        Assert.Equal("Which? {{candidates}}", p.User);
    }

    [Fact]
    public void Parse_UnclosedFrontMatter_Throws()
    {
        var ex = Assert.Throws<FormatException>(() => PromptFile.Parse("---\nname: x\nWhich?", "t", "v1"));
        Assert.Contains("front matter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CrlfAndLf_SameMessagesAndHash()
    {
        var lf = PromptFile.Parse("## system\nS {{a}}\n## user\nU {{b}}\n", "t", "v1");
        var crlf = PromptFile.Parse("## system\r\nS {{a}}\r\n## user\r\nU {{b}}\r\n", "t", "v1");

        Assert.Equal((lf.System, lf.User, lf.Hash), (crlf.System, crlf.User, crlf.Hash));
    }

    [Fact]
    public void Require_MissingPlaceholder_ThrowsNamingIt()
    {
        var p = PromptFile.Parse("Q: {{question}}", "assistant", "v1");

        var ex = Assert.Throws<FormatException>(() => p.Require("question", "facts"));
        Assert.Contains("{{facts}}", ex.Message, StringComparison.Ordinal);
        Assert.Same(p, p.Require("question"));
    }

    [Fact]
    public void Load_EveryCommittedPrompt_ParsesWithAUserMessage()
    {
        var root = Path.Combine(Infrastructure.RepoPaths.Root, "prompts");
        var files = Directory.GetFiles(root, "*.md", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "README.md").ToArray();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.NotEmpty(PromptFile.FromFile(f).User));
    }
}
