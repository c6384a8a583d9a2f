// The bridge holds every step to protocol/steps/steps.json: what it sends and what it takes.
#include <gtest/gtest.h>

#include "journey/phone_steps.hpp"
#include "journey/step_contract.hpp"

using namespace eimza::journey;
namespace bl = bridgelink;

TEST(StepContract, DeclaresTheJourneysSteps) {
  EXPECT_EQ(step_kinds(), (std::vector<std::string>{"card", "login", "confirm_phone", "sms_code", "pin",
                                                    "done", "paused"}));
}

TEST(StepContract, TakesWhatIsDeclared) {
  EXPECT_EQ(check_step("login", step_direction::response,
                       fields_of({{"captcha", bl::field_value::of_text("AB12")},
                                  {"security_word", bl::field_value::of_text("çiğdem")}})),
            "");
  EXPECT_EQ(check_step("login", step_direction::request,
                       fields_of({{"captcha", bl::field_value::of_bytes({})},
                                  {"attempts_left", bl::field_value::of_number(2)},
                                  {"last_try", bl::field_value::of_bool(false)},
                                  {"error", bl::field_value::of_text("")}})),
            "");
  EXPECT_EQ(check_step("pin", step_direction::response,
                       fields_of({{"action", bl::field_value::of_text("finish")}})),
            "")
      << "optional fields may be absent";
}

TEST(StepContract, RefusesWhatIsNot) {
  EXPECT_EQ(check_step("login", step_direction::response,
                       fields_of({{"captcha", bl::field_value::of_text("AB12")}})),
            "field security_word of login is missing");
  EXPECT_EQ(check_step("sms_code", step_direction::response,
                       fields_of({{"code", bl::field_value::of_text("123456")},
                                  {"pin", bl::field_value::of_text("1")}})),
            "field pin is not declared for sms_code");
  EXPECT_EQ(check_step("confirm_phone", step_direction::response,
                       fields_of({{"confirmed", bl::field_value::of_text("yes")}})),
            "field confirmed of confirm_phone is not bool");
  EXPECT_EQ(check_step("paused", step_direction::response, {}), "step paused takes no answer");
  EXPECT_EQ(check_step("portal_password", step_direction::request, {}), "unknown step kind portal_password");
}
