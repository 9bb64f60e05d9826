package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AllowActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CountActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomResponseProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.DefaultActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.SizeConstraintStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CloudFront web ACL (scope CLOUDFRONT, so it must be created in us-east-1), as Image Flex
 * sets it up: AWS's common rule set without its NoUserAgent_HEADER block, known bad inputs, and a
 * per-IP rate limit answered with 429. WAF sees every viewer request, cache hits included.
 */
public final class ImageWebAcl extends Construct {

    public static final String COMMON_RULES = "AWSManagedRulesCommonRuleSet";
    public static final String BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";
    /** Counted, not blocked: image requests from apps and crawlers often carry no User-Agent. */
    public static final String NO_USER_AGENT = "NoUserAgent_HEADER";
    /** WAF's rate window: the limit counts requests per IP over 5 minutes. */
    public static final int RATE_WINDOW_SECONDS = 300;

    private final CfnWebACL acl;

    public ImageWebAcl(Construct scope, String id, Parameters parameters) {
        super(scope, id);
        String prefix = "imageopt-" + parameters.stageName() + "-";
        List<Object> rules = new ArrayList<>();
        rules.add(managed(0, COMMON_RULES, prefix, List.of(RuleActionOverrideProperty.builder()
            .name(NO_USER_AGENT)
            .actionToUse(RuleActionProperty.builder().count(CountActionProperty.builder().build()).build())
            .build())));
        rules.add(managed(1, BAD_INPUTS, prefix, List.of()));
        rules.add(rateLimit(2, parameters, prefix));
        acl = CfnWebACL.Builder.create(this, "WebAcl")
            .scope("CLOUDFRONT")
            .description("imageopt " + parameters.stageName() + ": image CDN protection")
            .defaultAction(DefaultActionProperty.builder().allow(AllowActionProperty.builder().build()).build())
            .visibilityConfig(visibility(prefix + "web-acl"))
            .rules(rules)
            .build();
    }

    public String arn() {
        return acl.getAttrArn();
    }

    private static RuleProperty managed(int priority, String name, String prefix, List<RuleActionOverrideProperty> overrides) {
        ManagedRuleGroupStatementProperty.Builder group = ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
        if (!overrides.isEmpty()) group.ruleActionOverrides(List.copyOf(overrides));
        return RuleProperty.builder()
            .name(name)
            .priority(priority)
            .statement(StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
            .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
            .visibilityConfig(visibility(prefix + name))
            .build();
    }

    private static RuleProperty rateLimit(int priority, Parameters parameters, String prefix) {
        RateBasedStatementProperty.Builder rate = RateBasedStatementProperty.builder()
            .limit(parameters.wafRateLimit())
            .aggregateKeyType("IP")
            .evaluationWindowSec(RATE_WINDOW_SECONDS);
        if (parameters.wafRateLimitQueryOnly()) {
            // Only requests that can ask for a new variant count: those with a query string.
            rate.scopeDownStatement(StatementProperty.builder().sizeConstraintStatement(SizeConstraintStatementProperty.builder()
                .fieldToMatch(FieldToMatchProperty.builder().queryString(Map.of()).build())
                .comparisonOperator("GT")
                .size(0)
                .textTransformations(List.of(TextTransformationProperty.builder().priority(0).type("NONE").build()))
                .build()).build());
        }
        return RuleProperty.builder()
            .name("RateLimitPerIp")
            .priority(priority)
            .statement(StatementProperty.builder().rateBasedStatement(rate.build()).build())
            .action(RuleActionProperty.builder()
                .block(BlockActionProperty.builder()
                    .customResponse(CustomResponseProperty.builder().responseCode(429).build())
                    .build())
                .build())
            .visibilityConfig(visibility(prefix + "rate-limit"))
            .build();
    }

    private static VisibilityConfigProperty visibility(String metric) {
        return VisibilityConfigProperty.builder()
            .metricName(metric)
            .cloudWatchMetricsEnabled(true)
            .sampledRequestsEnabled(true)
            .build();
    }
}
