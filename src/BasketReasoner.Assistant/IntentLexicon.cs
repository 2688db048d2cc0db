using System.Text.RegularExpressions;

namespace BasketReasoner.Assistant;

/// <summary>
/// The rules router's word lists (English and Swedish), matched on the lower-cased question. Keyword families, not
/// templates: any phrasing that uses one of a family's words reaches its intent. Tuned on the val split only.
/// </summary>
internal static partial class IntentLexicon
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Where a product stands in the store: not in the catalog (UnknownFact), and the gate for saying the store lacks it.
    public const string StoreLocation = @"where (?:in (?:the|this|your) (?:store|shop)|(?:do|can|would|could|should) (?:i|we) find)|(?:which|what) (?:aisle|shelf)";

    // Other shops, by name or as such: asked about alone they are declined (OutOfScope); said beside a question about
    // this store they are a remark (RulesAnswerer.WithoutAside).
    private const string OtherStores = @"willys|lidl|ica|coop|hemköp|city gross|aldi|tesco|walmart|costco|mathem|(?:other|another|different|competing) (?:stores?|shops?|supermarkets?|chains?)|competitors?|elsewhere";

    [GeneratedRegex(@"\b(?:" + OtherStores + @")\b", Options)]
    public static partial Regex OtherStore();

    // Asking the assistant to act on the basket or the price, or to drop its rules. Checked first.
    [GeneratedRegex(@"\b(?:remove|delete|take (?:out|off|away)|take [\w\s%,.-]{1,60}? (?:out of|off) (?:my|the)|make [\w\s%,.-]{1,60}? (?:free|cheaper)|drop|add|adding|put (?:in|into|back)|throw in|insert|void|empty (?:my|the|this) (?:basket|cart)|clear (?:my|the|out)|cancel|refund|undo|scan|check ?out for me|mark (?:it|them|as)|set (?:the )?(?:price|total|quantity)|change (?:the |my )?(?:price|total|basket|cart|quantity)|update (?:the |my )?(?:basket|cart|price)|modify|discount|coupon|voucher|for free|free of charge|lower the price|reduce the (?:price|total)|price ?match|make (?:it|them|everything) (?:free|cheaper)|ignore (?:all |any |the |your )?(?:previous |prior |above |earlier )?(?:instructions|rules)|disregard|forget (?:your|all|the|previous)|system prompt|developer mode|jailbreak|you are now|act as|pretend|admin mode|override|ta bort|lägg till|lägga till|rabatt|gratis|töm)\b", Options)]
    public static partial Regex BasketChange();

    // Topics that are not the basket, the catalog or the store.
    [GeneratedRegex(@"\b(?:tastes? (?:best|better|nicer|nicest)|(?:is|are) (?:nicer|tastier|yummier|best tasting)|nicest|tastiest|best[- ]tasting|(?:my|a|the) (?:baby|infant|toddler)|diabetes|diabetic|blood sugar|healthiest|healthier|(?:what|which) (?:wine|beer|drink) (?:goes|would go|to (?:pair|serve|drink))|goes? (?:well )?with (?:the|my|a)|pair(?:s|ing)? (?:well )?with|what do you think|your opinion|do you like|your favou?rite|weather|forecast|rain|raining|rainy|snow|snowing|sunny|umbrella|(?:shoppers?|customers?|persons?|people|someone|somebody|user) (?:before|after|behind|ahead of|in front of) (?:me|us)|(?:previous|last|next|other) (?:shoppers?|customers?|users?)|(?:which|what|who) (?:other )?(?:customers|shoppers|people) (?:bought|buy|have bought|purchased)|names? and (?:phone )?numbers?|phone numbers?|e-?mail addresse?s?|home addresse?s?|customer (?:data|list|records|names|details)|joke|poem|story|song|lyrics|capital of|president|prime minister|election|football|soccer|hockey|match score|movie|film|tv show|netflix|news|stock market|stocks|bitcoin|crypto|homework|math problem|solve|equation|translate|write (?:me )?(?:a|an|some)|code|python|javascript|meaning of life|horoscope|zodiac|relationship|dating|vacation|holiday|flight|hotel|taxi|bus|train times|directions to|who are you|your name|how old are you|other (?:carts?|shoppers?|customers?|people'?s?)|another (?:cart|shopper|customer|person)|(?:someone|somebody|anyone) else'?s?|person (?:before|after|behind|in front of) me|cart-[a-z0-9]+\b|cart (?:#|no\.? ?|number )?\d+\b|all (?:the )?carts|list (?:all |the )?carts|cart (?:id|key|number)|api key|bearer|how many (?:shoppers|customers|people)|system prompt|your (?:instructions|prompt|config\w*|rules)|environment variables?|file ?paths?|password|pay (?:with|by|using) (?:a |my )?(?:card|cash|phone|swish|apple pay|google pay|credit|debit)|payment methods?|accept (?:cards?|cash|swish)|opening hours|open (?:until|till|on sundays?)|sing|dance|väder|vädret|skämt|dikt|sue|suing|lawsuit|lawyers?|attorney|legal advice|liable|liability|painkillers?|ibuprofen|paracetamol|who (?:wrote|painted|invented|discovered|directed|composed|sang|won|founded)|vem (?:skrev|målade|uppfann|vann|sjöng)|(?:what|which) year (?:was|did|is)|(?:what|how much) is \d+(?:[.,]\d+)? ?(?:times|multiplied by|plus|minus|divided by) ?\d+(?:[.,]\d+)?(?![.,]?\d| ?(?:kr|sek|kronor|g|kg|grams?|kilos?|l|ml|dl|litres?|liters?|%|percent|st|pcs)\b)|square root|" + OtherStores + @")\b", Options)]
    public static partial Regex OutOfScope();

    // Out of scope unless the question also asks about prices or products ("250 g of satsumas for a recipe, price?").
    [GeneratedRegex(@"\b(?:recipes?|cook|cooking|bake|baking|how (?:do|to) (?:i |you )?(?:make|prepare))\b", Options)]
    public static partial Regex SoftOutOfScope();

    // "Am I over 200 kr?", "have I gone past 100 kronor", "will this come to less than 50?", "how much more can I spend
    // before I hit 300", "I've got 150 on my card, what's left": the basket's total against an amount of money.
    [GeneratedRegex(@"\b(?:how much change|change (?:from|out of|for) (?:a |an |my )?\d+|(?:what|how much) (?:do|will|would) (?:i|we) get back|pay(?:ing)? (?:with|by) (?:a |an )?\d+|hand(?:ing)? (?:over|you) (?:a |an )?\d+|(?:do|will|would) (?:i|we) have enough|have (?:i|we) got enough|(?:only|just) (?:have|got) \d+|gone (?:past|over)|go(?:ing)? (?:over|past)|am i (?:still |like |now |already )?(?:over|under|below|above|within|ok|okay|fine)|(?:be|is (?:that|it|this)) enough|is enough|enough for|(?:that|it|this) (?:cover|covers)|cover (?:it|this|that|everything|all|the)|still have|have left|remaining|enough (?:money|cash)|afford|total (?:is )?(?:over|under|above|below|more than|less than)|(?:still )?(?:over|under|below|above) (?:my )?(?:budget|limit|\d+)|more than \d+|less than \d+|come (?:to|in) (?:under|below|over|less|more)|budget|stay (?:under|below|within)|spend before|can i (?:still )?spend|left (?:over )?(?:after|from|of)|what'?s left|left over|how far (?:am i|are we) from|before i (?:hit|reach)|afford|exceed\w*|within \d+|change (?:do|will|would|should) (?:i|we) get|(?:get|give me|have) (?:back )?(?:in )?change|change (?:back )?from \d+|(?:what'?s|what is|how much is) (?:my|the) change|\bchange\W*$|back from \d+|how much back\b|cash\W+(?:\w+\W+){0,2}change|(?:give|giving|hand|handing) (?:you|over) \d+|pay(?:ing)? \d+|(?:will|would|does|do|can) \d+(?:[.,]\d+)? ?(?:kr|sek|kronor|crowns|:-)? (?:cover|be enough|do)|over or under|under or over|får (?:jag|vi) tillbaka|betalar (?:med )?\d+|räcker (?:det|pengarna|\d+)|över eller under)\b", Options)]
    public static partial Regex Budget();

    // An amount of money in a budget question: "200 kr", "50:-", "100 sek", "350".
    [GeneratedRegex(@"(?<![\w.,])(\d{1,6}(?:[.,]\d{1,2})?)\s*(?::-|kr\b|kronor\b|sek\b|crowns\b|bucks\b|spänn\b)?", Options)]
    public static partial Regex MoneyAmount();

    // Facts the catalog never holds for store products.
    [GeneratedRegex(@"\b(?:juic(?:iest|ier)|freshest|fresher|sweetest|sweeter|delivered|deliveries|delivery|member(?:ship)? prices?|club prices?|loyalty prices?|bonus prices?|members? discount|(?:cost|costs|price|priced) (?:\w+ )?(?:last|previous) (?:week|month|year|time)|last (?:week|month|year)'?s price|yesterday|price history|used to cost|when (?:were|was) [\w\s'-]{1,40}? picked|picked on|storeroom|store room|" + StoreLocation + @"|where in (?:the|this|your) supermarket|aisle|where (?:are|is) (?:the |my )?[\w\s'-]{1,30}? (?:located|kept|stocked|shelved)|warehouse|in the back|restock\w*|back in stock|calorie|calories|kcal|kilojoule|energy|expir\w*|fair ?trade|fairtrade|discounts?|coupons?|vouchers?|deals?|rättvisemärk\w*|glycemic|glycaemic|gi index|best[- ]?b+e+f+o+r+e|keep (?:in|for|fresh)|how long (?:will|does|do|can|would|should) .{1,40}\b(?:keep|last|stay)|fridge|go(?:es)? (?:bad|off)|on sale|on offer|special offers?|any offers?|promotions?|next week|tomorrow|bäst före|use[- ]by|sell[- ]by|shelf life|aisle|in stock|stock level|barcode|ean|gtin|carbon|co2|footprint|recycl\w*|packaging material|manufactur\w* date|produced on|harvest\w*|vitamin\w*|protein\w*|sugar|sugars|socker|salt|sodium|fibre|fiber|carbs?|carbohydrat\w*|nutri\w*|halal|kosher|gmo|pesticide\w*|storage|store it|keep it|refrigerat\w*|freeze|frozen|warranty|supplier|farm|farmer|calori\w*|cholesterol|ripe|ripen\w*|ripeness|pr+otein\w*)\b", Options)]
    public static partial Regex UnknownFact();

    [GeneratedRegex(@"\b(?:cheaper (?:alternative|option|choice|version|brand|one|ones|product|substitute|replacement|variant)s?|(?<!\b(?:milk|dairy|meat) )alternatives?|something cheaper|anything cheaper|(?:is there|are there|any|got) (?:a |an |anything |something |\w+ )?ch[a-z]{1,3}pe?r\b|\w+ that'?s ch[a-z]{1,3}pe?r\b|cheaper instead|save (?:some )?money|budget|less expensive (?:option|alternative|one)|lower[- ]priced|cost less|billigare|spara pengar|substitute|swap for)\b", Options)]
    public static partial Regex CheaperAlternatives();

    [GeneratedRegex(@"\b(?:(?:is|are|costs?) [\w\s'-]{1,40}? (?:less|more) than|save (?:money|anything) [\w\s'-]{0,30}?(?:instead of|rather than|over|than)|instead of|rather than|cheaper|cheapest|more cheap|less pricey|more expensive|most expensive|less expensive|pricier|costs? more|costs? less|heavier|lighter|weighs? more|weighs? less|compare|comparison|difference|differ|how much (?:more|less|cheaper|dearer|extra)\b.{0,60}\bthan|versus|vs\.?|better value|(?:more|less|higher|lower) (?:in )?fat|fattier|leaner|billigast|dyrast|dyrare|tyngre|lättare)\b", Options)]
    public static partial Regex Compare();

    [GeneratedRegex(@"\b(?:total|totals|sum|altogether|all together|in all|grand|owe|bill|pay|paying|checkout|till|receipt|summa|totalt|totalen|betala)\b|\bwhat does (?:that|it) make (?:it|the total)\b|\bwhat(?:'s| is| does| do)? (?:that|it|this|those|these|they|both|the two) (?:all )?come to\b|\bwhat(?:'d| would) (?:it|that|everything) (?:be|come to)\b|\bhow much (?:would it be |is it |will it be |would that be )?without\b|\bhow much (?:would|will|'d|does) (?:it|that|this|everything|my total|the total|my bill|the bill) (?:be|come to|cost)\b(?=.*\b(?:not counting|without|except|excluding|minus|fewer|less|more|another|extra|if)\b)|\bhow much if (?:i|we)\b|\btotal (?:with|if)\b|\btotalen\b|\bvad blir det\b|how much (?:is|are|does|do|will|would) (?:all (?:of )?)?(?:my|the|this)(?: whole| entire)? (?:basket|cart|trolley|shopping|groceries|stuff|things|items)\b|how much (?:is|does|will|would) (?:it all|everything)|what(?:'s| is| does) (?:my|the) (?:basket|cart|shopping)(?: come to| cost)?|(?:basket|cart|everything|groceries) (?:cost|come to)|vad kostar (?:allt|korgen|vagnen)|\b(?:it all|all this|all of this|everything|this lot) (?:come|comes|add|adds) (?:to|up)\b|\badds? up to\b|\b(?:cost|costs|price|pay)\b.{0,30}\b(?:all|whole|entire) (?:of )?(?:my |the |this )?(?:basket|cart|trolley)\b|\b(?:basket|cart|trolley|everything|things|stuff|items|groceries|shopping|it all) together\b|\badd (?:it|them|this|these|everything|all)(?: \w+){0,2} up\b|\badd up\b|\bhow much (?:cost|costs|kostar|for|is) (?:everything|it all|all (?:of )?(?:it|this|that))\b|\btally\b|\bwhat (?:is|'?s) (?:it|this|that|everything) (?:coming|come) to\b|\b(?:it'?s|it is|everything'?s) coming to\b|\b(?:what'?s|what is) the damage\b|\bdamage so far\b|\bhow much (?:have|did) (?:i|we) spen[dt]\b|\b(?:spent|spending) so far\b|\brunning total\b|\bwhat (?:do|does|did) (?:my|the|that|those|these|this)\b[\w\s'-]{0,30}?\bcome to\b|\bwhat does that come to\b|\bhow much (?:is|are|does|will|would) (?:all (?:of )?(?:this|that|these|it)|this all|that all|this lot)\b", Options)]
    public static partial Regex Total();

    [GeneratedRegex(@"\b(?:how many|number of|count|hur många|antal)\b(?! (?:grams?|g|kilos?|kg|ml|millilit\w*|litres?|liters?|dl|decilit\w*|calories|kcal|percent|per cent|%)\b)", Options)]
    public static partial Regex Count();

    [GeneratedRegex(@"\b(?:different|distinct|separate|unique|kinds? of|types? of|lines|olika)\b", Options)]
    public static partial Regex Distinct();

    [GeneratedRegex(@"\b(?:what(?:'s| is| do i have| have i got)? in (?:my|the|this) (?:basket|cart|trolley|bag)|list (?:my|the|what|everything|all)|list\W*$|show (?:me )?(?:my|the) (?:basket|cart|trolley|items)|what have i (?:got|picked|taken)|everything (?:i|we)(?:'ve| have)? (?:got|picked|taken|bought|grabbed|have)|contents of (?:my|the)|read (?:back|out|me) (?:my|the)|go through (?:my|the)|which (?:products|items|things) (?:are|do i have)|vad har jag)\b", Options)]
    public static partial Regex ListBasket();

    [GeneratedRegex(@"\b(?:weigh|weighs|weight|weights|heavy|heaviness|grams?|kilos?|kg|väger|vikt|tung)\b", Options)]
    public static partial Regex Weight();

    [GeneratedRegex(@"\b(?:volume|litres?|liters?|ml|millilit\w*|how much (?:milk|juice|drink|liquid) is (?:in|there)|how much is (?:there )?in (?:the|a|my|one|each|that|this)|how big (?:is|are)|what size|size of|pack size|contents of|volym)\b", Options)]
    public static partial Regex Volume();

    [GeneratedRegex(@"\b(?:is|are) there (?:any |some )?(?:milk|mjölk|dairy|lactose|gluten|nuts?|peanuts?|soy|soya|eggs?|fish|sesame|wheat) in\b|^\W*(?:any |some )?(?:milk|mjölk|dairy|lactose|gluten|nuts?|peanuts?|soy|soya|eggs?|wheat) in (?:the|my|this|that|your|those|these) \w|\b(?:has|have|with|contains?|got) no (?:milk|mjölk|dairy|lactose|gluten|nuts?|peanuts?|soy|soya|eggs?|wheat)\b|\b(?:(?:milk|mjölk|dairy|lactose|gluten|nuts?|soy|eggs?) in (?:anything|any(?: of)?|something|everything|it|them|there)|(?:anything|something|everything|items?|products?|stuff|things?) (?:with|containing|that contains?|that has|that have|made with|made from) (?:any )?(?:milk|mjölk|dairy|lactose|gluten|nuts?|peanuts?|soy|soya|eggs?|fish|sesame|wheat)|(?:any|traces of|some) (?:milk|gluten|nuts?|peanuts?|soy|eggs?|fish|sesame|wheat|dairy|lactose)|allerg\w*|contain\w*|free from|safe for|intoleran\w*|coeliac|celiac|gluten|dairy|nuts?|peanuts?|soy|soya|eggs?|sesame|mustard|celery|sulphites?|sulfites?|lupin|fish|shellfish|crustaceans?|molluscs?|innehåller|allergi\w*)\b", Options)]
    public static partial Regex Allergens();

    [GeneratedRegex(@"\b(?:ingredients?|made (?:of|from|with)|what(?:'s| is) in (?:the|it|this)|innehåll|ingredienser)\b", Options)]
    public static partial Regex Ingredients();

    [GeneratedRegex(@"\b(?:organic|organically|eco|ecological|ecologically|eko|ekologisk\w*|krav|bio)\b", Options)]
    public static partial Regex Organic();

    [GeneratedRegex(@"\b(?:lactose|laktos\w*)\b", Options)]
    public static partial Regex Lactose();

    [GeneratedRegex(@"\b(?:vegan|plant[- ]based|vegetarian|växtbaserad|animal[- ]free)\b", Options)]
    public static partial Regex PlantBased();

    [GeneratedRegex(@"\d+(?:[.,]\d+)? ?% fat\b|\bfat (?:content )?(?:over|under|above|below|more than|less than)\b|\b(?:fat content|how much fat|fat percent\w*|percent(?:age)? (?:of )?fat|fat %|fat is|fat in|fetthalt|hur mycket fett|fatty)\b|\bfat ?%", Options)]
    public static partial Regex Fat();

    [GeneratedRegex(@"\b(?:flavou?rs?|taste|smak|what kind of (?:yoghurt|juice))\b", Options)]
    public static partial Regex Flavour();

    [GeneratedRegex(@"\b(?:swedish|svensk\w*|spanish|italian|dutch|danish|german|french|polish|norwegian|finnish|peruvian|chilean|brazilian|moroccan|israeli|turkish|greek|colombian|ecuadorian|argentinian|argentine|chinese|indian|kenyan|mexican|egyptian|portuguese|belgian|local|imported)\b|\b(?:grown|made|produced) in\b|^\W*(?:\w+\W+)?(?:is|are|was|were) .{1,60}\b(?:from|grown in|made in|produced in) (?:the )?\p{L}+(?: \p{L}+){0,2}\W*$|\bwhere(?:'?s| is| are|'?re)? .{0,50}\b(?:from|grown|made|produced)\b|\b(?:origin|country|countries|where (?:is|are|does|do|was|were) .*(?:from|grown|made|produced)|come from|comes from|grown in|produced in|made in|imported|ursprung|land|varifrån|kommer .* från)\b", Options)]
    public static partial Regex Origin();

    // "The milk is from USA, right?", "are the tomatoes grown in Spain?": a country asked about, whatever else the sentence names.
    [GeneratedRegex(@"\b(?:is|are|'s|'re|was|were|come|comes|came|they|it) (?:really |actually |originally |all )?(?:from|grown in|made in|produced in|imported from) (?:the )?(?:sweden|spain|italy|france|germany|netherlands|holland|usa|us|u\.s\.a?\.?|america|united states|united kingdom|uk|england|peru|chile|brazil|morocco|israel|turkey|greece|colombia|ecuador|argentina|china|india|kenya|mexico|egypt|portugal|belgium|denmark|norway|finland|poland|costa rica|south africa|new zealand|thailand|vietnam|ireland|austria|switzerland|here|abroad|europe|africa|asia)\b", Options)]
    public static partial Regex OriginCountry();

    [GeneratedRegex(@"\b(?:price|prices|priced|cost|costs|costing|how much (?:is|are|does|do|for|was|were|did|would|will|should|could|'s)|expensive|sek|kr|kronor|crowns|pris|kostar|per kilo|per kg|a kilo|per (?:liter|litre|l)|(?:litre|liter|kilo|kg) (?:pri?ce|prcie|pirce|prise)|price per|prcie|work(?:s|ing)? out (?:to|at)|charge|charging)\b|\bhow much\W*$|\bhow much (?:money|kr|sek)\b|\bhow much (?:each|apiece|a piece|per (?:piece|unit|item|pack|bottle|carton|one))\b", Options)]
    public static partial Regex Price();

    // "Do you sell avocados?", "can I buy kiwi here?", "har ni ingefära?": whether the store sells a product at all.
    [GeneratedRegex(@"^\W*(?:(?:hey|hi|ok|okay|so|um|uh|and)\W+)*(?:is|are) there (?:a|an|any|some) (?:(?!\b(?:in|on|inside)\b)[\w\s'-]){1,40}?\W*$|^\W*(?:(?:hey|hi|hej|ok|okay|so|um|uh|and|sorry)\W+)*(?:you )?got any\b(?!.*\b(?:in (?:my|the|this) (?:basket|cart|trolley)|have i|i have|did i|i(?:'ve| have)? got)\b)|^\W*(?:you )?got (?!(?:it|that|this|my|me|you|to|the (?:total|bill|receipt))\b)\p{L}[\p{L}\s'-]{1,40}\W*$|^\W*(?:(?:hey|hi|ok|okay|so|um|uh|and)\W+)*(?:do |did )?(?:you|u)(?: guys| folks| lot| all| people)? (?:got|have|sell|carry|stock)\b|^\W*(?:have|has|does) (?:this|the|your) (?:store|shop|supermarket)\b|\b(?:do|does|did) (?:you|u|ya|y'?all|you guys|the store|this store|the shop|this shop|they) (?:\w+ ){0,2}(?:sell|have|stock|carry|carrry|offer|got|keep)\b|^\W*(?:hej\W+)?finns\b(?!.*\b(?:i|in) (?:min|mitt|mina|my|the) )|\bcan'?t find (?:it|them|any)\b|^\W*(?:(?:hey|hi|ok|okay|so|um|uh|cart|hey cart)\W+)*you (?:got|have|sell|carry|stock)\b|\bany [\w\s'-]{1,30}? (?:in|at) (?:this|the|your) (?:shop|store)\b|^\W*(?:(?:hey|hi|ok|okay|so|um|uh|cart)\W+)*is there [\w\s'-]{1,30}? here\W*$|^\W*(?:hej\W+)?finns det\b(?!.*\b(?:i|in) (?:min|mitt|mina|my|the) )|\blooking for\b|\bwhere (?:is|are) (?:the )?\w[\w\s'-]{0,30}?\b(?:kept|located)\b|\b(?:can|could) (?:i|we|one) (?:\w+ )?(?:buy|get|find|purchase)\b[\w\s'-]{0,40}?\b(?:here|in (?:this|the|your) (?:store|shop))\b|\bis there (?:any )?[\w\s'-]{1,40}?\b(?:for sale|in (?:this|the|your) (?:store|shop))\b|\b(?:is|are) [\w\s'-]{1,40}? (?:available|sold here|for sale)\b|\bwhere (?:can|do|would) (?:i|we) (?:find|get|buy)\b|^\W*(?:säljer ni|har ni)\b|^\W*which (?!of\b)[\w\s'-]{1,30}? (?:is|are) (?:lactose[- ]free|organic|vegan|plant[- ]based|gluten[- ]free|dairy[- ]free)\b|\b(?:which|what) (?:kinds? of |types? of |sorts? of )?[\w\s'-]{1,30}? do you (?:have|sell|stock|carry|offer)\b", Options)]
    public static partial Regex Availability();

    [GeneratedRegex(@"\b(?:which company|what company|company (?:that |who )?makes|who produces|brand|brands|brand name|who makes|who made|made by|manufacturer|maker|producer|märke|varumärke)\b", Options)]
    public static partial Regex Brand();

    // "Do you sell eggs?": whether the store sells it, even when the product word is also an allergen word; not when
    // the question then asks a fact ("do you sell anything with gluten", "...and how much is it").
    [GeneratedRegex(@"^\W*(?:(?:hey|hi|hej|ok|okay|so|um|uh|and|sorry)\W+)*(?:you )?got any\b(?!.*\b(?:in (?:my|the|this) (?:basket|cart|trolley)|have i|i have|did i|contain\w*|with|without|free|allerg\w*|safe|price|cost|how much|weigh\w*|from|made)\b)|^\W*(?:(?:hey|hi|hej|hello|sorry|excuse me|ok|okay|so)\W+)*(?:do|does) (?:you|u|ya|you guys|the store|this store|they) (?:\w+ ){0,2}(?:sell|stock|carry|have|offer)\b(?!.*\b(?:contain\w*|with|without|free|allerg\w*|safe|intoleran\w*|price|cost|how much|weigh\w*|from|made|which|that)\b)", Options)]
    public static partial Regex StrongAvailability();

    // "Lactose-free milk", "organic bananas", "vegan yoghurt": a kind of product asked for, not a fact asked about.
    [GeneratedRegex(@"\b(?:lactose[- ]free|organic|eco|ecological|vegan|plant[- ]based|gluten[- ]free|dairy[- ]free|non[- ]dairy)\s+(?!(?:or|and|is|are|please|pls|\?))\p{L}{3,}|^\W*which (?!of\b)[\w\s'-]{1,30}? (?:is|are) (?:lactose[- ]free|organic|vegan|plant[- ]based|gluten[- ]free|dairy[- ]free)\b", Options)]
    public static partial Regex AttributeRequest();

    // "Is it sold by weight?", "priced per piece?", "do you weigh the carrots": how a product is charged.
    [GeneratedRegex(@"\b(?:sold|priced|charged|pay|paid|go|goes) (?:by|per) (?:the )?(?:weight|kilo|kg|piece|unit|each|item)\b|\bby (?:the )?(?:weight|kilo)\b|\bper piece\b|\bdo you weigh\b", Options)]
    public static partial Regex SoldBy();

    // Words that ask about weight itself; a bare unit ("per kilo", "2 kg of") may instead be part of a price question.
    [GeneratedRegex(@"\b(?:weigh|weighs|weighing|weight|weights|heavy|heaviness|väger|vikt|tung)\b", Options)]
    public static partial Regex WeightWord();

    // "Does it contain lactose?", "is there lactose in the oat milk?", "anything with lactose": yes means lactose is there.
    [GeneratedRegex(@"\b(?:contains?|containing|has|have|having|got|any|with|is there|are there|there'?s)\s+(?:any\s+|some\s+)?(?:lactose|laktos)\b|\b(?:lactose|laktos)\s+in\b", Options)]
    private static partial Regex LactosePresent();

    [GeneratedRegex(@"\b(?:free|fri|can'?t|cannot|can not|ok|okay|safe|fine|allowed|suitable|intoleran\w*)\b", Options)]
    private static partial Regex LactoseSafety();

    /// <summary>The question asks whether lactose is present ("does it contain lactose?"), not whether it is safe or lactose free.</summary>
    // "Lactose in the Arla lactose free milk?": "lactose free" before a noun is the product's name, not the question.
    public static bool AsksLactosePresent(string q) => LactosePresent().IsMatch(q) && !LactoseSafety().IsMatch(LactoseFreeName().Replace(q, " "));

    [GeneratedRegex(@"\b(?:lactose|laktos)[- ]?fr(?:ee|i)\s+(?!(?:or|and|is|are|please|pls|right|too|then|yes|no)\b)\p{L}{2,}", Options)]
    private static partial Regex LactoseFreeName();

    // "Whole basket" words: "how heavy is my cart?", "what does everything weigh?".
    [GeneratedRegex(@"\b(?:(?:my|the|this|our)(?: whole| entire| full)? (?:basket|cart|trolley|shopping|groceries|stuff|things|items|purchases)|everything|all (?:of )?(?:this|it|my (?:stuff|things|items|shopping)))\b", Options)]
    public static partial Regex WholeBasket();

    /// <summary>Question words that name an allergen, to the canonical names of <c>AllergenTable</c>.</summary>
    public static IReadOnlyList<(Regex Pattern, string Allergen)> AllergenWords { get; } =
    [
        (new(@"\b(?:gluten|wheat|vete|rye|råg|barley|korn|oats?|havre|spelt|coeliacs?|celiacs?)\b", Options), "gluten"),
        (new(@"\b(?:shellfish|crustaceans?|shrimps?|prawns?|crab|lobster|skaldjur)\b", Options), "crustaceans"),
        (new(@"\b(?:eggs?|ägg)\b", Options), "eggs"),
        (new(@"\b(?:fish|fisk)\b", Options), "fish"),
        (new(@"\b(?:peanuts?|jordnötter|jordnöt)\b", Options), "peanuts"),
        (new(@"\b(?:soy|soya|soja|soybeans?)\b", Options), "soy"),
        (new(@"\b(?:milk|dairy|mjölk|lactose|laktos|casein|whey)\b", Options), "milk"),
        (new(@"\b(?:nuts?|tree nuts?|nötter|almonds?|hazelnuts?|walnuts?|cashews?)\b", Options), "nuts"),
        (new(@"\b(?:celery|selleri)\b", Options), "celery"),
        (new(@"\b(?:mustard|senap)\b", Options), "mustard"),
        (new(@"\b(?:sesame|sesam)\b", Options), "sesame"),
        (new(@"\b(?:sulphites?|sulfites?|sulphur|sulfur)\b", Options), "sulphites"),
        (new(@"\b(?:lupin)\b", Options), "lupin"),
        (new(@"\b(?:molluscs?|mollusks?|mussels?|oysters?|squid)\b", Options), "molluscs"),
    ];

    /// <summary>The lexicon's patterns, whose literal words are words the reader knows (<see cref="Understanding.TypedWords"/>).</summary>
    public static IEnumerable<string> Patterns =>
        new[] { BasketChange(), OutOfScope(), SoftOutOfScope(), Budget(), UnknownFact(), CheaperAlternatives(), Compare(), Total(), Count(), Distinct(),
            ListBasket(), Weight(), Volume(), Allergens(), Ingredients(), Organic(), Lactose(), PlantBased(), Fat(), Flavour(), Origin(), Price(),
            Availability(), Brand(), StrongAvailability(), AttributeRequest(), SoldBy(), WeightWord(), WholeBasket() }.Select(r => r.ToString());

    /// <summary>Words that carry no product name: stripped before the rest of a question is searched as a mention.</summary>
    public static HashSet<string> Stopwords { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "my", "our", "your", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been",
        "does", "do", "did", "how", "much", "many", "what", "whats", "what's", "which", "who", "where", "when", "why",
        "can", "could", "would", "will", "should", "i", "me", "we", "you", "it", "its", "it's", "of", "in", "on", "for",
        "to", "from", "with", "at", "by", "about", "please", "tell", "show", "give", "get", "have", "has", "got", "there",
        "any", "some", "all", "every", "each", "item", "items", "product", "products", "thing", "things", "one", "ones",
        "cart", "basket", "trolley", "korg", "korgen", "kundvagn", "vagnen", "cost", "costs", "price", "prices", "priced",
        "pay", "total", "sum", "weigh", "weighs", "weight", "heavy", "grams", "gram", "kg", "kilo", "kilos", "litre",
        "liter", "litres", "liters", "ml", "volume", "contain", "contains", "containing", "allergen", "allergens",
        "allergy", "allergic", "allergies", "ingredients", "ingredient", "made", "vegan", "plant", "based", "content",
        "flavour", "flavor", "taste", "origin", "country", "come", "comes", "grown", "produced", "cheaper", "cheap",
        "expensive", "alternative", "alternatives", "option", "options", "instead", "save", "money", "budget", "compare",
        "comparison", "versus", "vs", "than", "more", "less", "difference", "between", "unit", "units", "per", "piece",
        "pieces", "hur", "mycket", "många", "kostar", "väger", "vad", "är", "det", "min", "mitt", "i", "på", "och",
        "eller", "sek", "kr", "kronor", "crowns", "hey", "hi", "hello", "thanks", "thank", "know", "like", "want",
        "need", "wondering", "wonder", "curious", "quick", "question", "so", "just", "actually", "really", "exactly",
        "roughly", "approximately", "about", "much", "does", "pack", "package", "carton", "bottle", "box", "jar",
        "safe", "free", "bought", "buying", "buy", "picked", "selected", "chose", "chosen", "added", "here", "now",
        "number", "count", "heavier", "lighter", "pricier", "better", "value", "worth", "am", "there", "if", "as",
        "also", "too", "again", "other", "another", "same", "kind", "type", "sort", "is", "anything", "something",
        "or", "and", "then", "say", "says", "said", "catalog", "store", "shop", "sold", "sell", "sells", "selling",
        "information", "info", "details", "facts", "fact", "specs", "much", "whole", "entire", "just", "currently",
        "carry", "stock", "available", "offer", "purchase", "find", "guys", "u", "ya", "sale", "store's", "shop's", "happen", "happens", "split", "splitting", "share", "sharing", "each", "us", "person", "people", "perhaps", "maybe", "possibly", "not", "shelf", "shelves", "couldn't", "cant", "can't", "cannot", "anywhere", "looked", "look", "looking",
        "kilogram", "kilograms", "hg", "g", "gr", "half", "dozen", "couple", "pcs", "pc", "packs", "packets", "bottles",
        "cartons", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "säljer", "ni", "har", "least", "lowest", "highest", "best", "most", "cheapest", "priciest", "dearest",
        "severe", "serious", "bad", "terrible", "slight", "deadly", "threatening", "diagnosed", "confirmed",
        "together", "combined", "altogether", "spending", "spend", "spent", "costing",
        "single", "hmm", "hmmm", "umm", "um", "uh", "erm", "lol", "ugh", "omg", "billigare", "billigast", "dyrare", "dyrast",
        "ways", "way", "mate", "mates", "friend", "friends", "persons", "note", "notes", "lapp", "cash", "hand", "back", "spänn",
    };
}
