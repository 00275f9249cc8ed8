#include "domain/resources/catalogue.hpp"

#include <algorithm>

namespace trove::resources {

const std::vector<Category>& categories() {
    static const std::vector<Category> all = {
        {"strength", "Strengths"},
        {"skill", "Skills"},
        {"social", "People"},
        {"body", "Body and health"},
        {"material", "Places and means"},
        {"meaning", "Meaning and values"},
        {"interest", "Interests"},
        {"success", "Successes"},
    };
    return all;
}

const std::vector<Strength>& strengths() {
    static const std::vector<Strength> all = {
        {"creativity", "Creativity", "wisdom", "Finds new and useful ways to do things."},
        {"curiosity", "Curiosity", "wisdom", "Wants to know more; finds the world interesting."},
        {"judgment", "Judgment", "wisdom", "Thinks things through from all sides before deciding."},
        {"love_of_learning", "Love of learning", "wisdom",
         "Enjoys getting better at something and learning new things."},
        {"perspective", "Perspective", "wisdom",
         "Sees the bigger picture; others come for good advice."},
        {"bravery", "Bravery", "courage", "Faces fear, difficulty or pain instead of shrinking."},
        {"perseverance", "Perseverance", "courage",
         "Keeps going and finishes what was started, despite obstacles."},
        {"honesty", "Honesty", "courage", "Is genuine, speaks the truth and owns their actions."},
        {"zest", "Zest", "courage", "Meets life with energy and a sense of being alive."},
        {"love", "Love", "humanity", "Values close relationships and gives and receives care."},
        {"kindness", "Kindness", "humanity", "Does good for others and likes to help."},
        {"social_intelligence", "Social intelligence", "humanity",
         "Senses what others feel and what a situation needs."},
        {"teamwork", "Teamwork", "justice", "Works well in a group and does their share."},
        {"fairness", "Fairness", "justice",
         "Treats people alike and gives everyone a fair chance."},
        {"leadership", "Leadership", "justice",
         "Organises a group to get things done and keeps it together."},
        {"forgiveness", "Forgiveness", "temperance",
         "Lets go of a hurt and gives others a second chance."},
        {"humility", "Humility", "temperance",
         "Lets their deeds speak; does not seek the spotlight."},
        {"prudence", "Prudence", "temperance",
         "Is careful with choices and avoids needless risks."},
        {"self_regulation", "Self-regulation", "temperance",
         "Manages their feelings, impulses and habits."},
        {"appreciation_of_beauty", "Appreciation of beauty", "transcendence",
         "Notices and is moved by beauty and excellence."},
        {"gratitude", "Gratitude", "transcendence",
         "Notices the good things and takes time to say thank you."},
        {"hope", "Hope", "transcendence",
         "Expects good things from the future and works towards them."},
        {"humor", "Humour", "transcendence", "Likes to laugh and to bring a smile to others."},
        {"spirituality", "Spirituality", "transcendence",
         "Feels part of something larger that gives life meaning."},
    };
    return all;
}

const std::vector<InterviewSection>& interview() {
    static const std::vector<InterviewSection> all = {
        {"strength",
         "Strengths",
         {"What are you proud of in yourself?", "What would a good friend say you are good at?",
          "Which of your qualities has got you through a hard time?"}},
        {"skill",
         "Skills",
         {"What can you do well, at work, at home or anywhere else?",
          "What have you learned in the last years that you can now do without thinking?",
          "What do people ask you to help them with?"}},
        {"social",
         "People",
         {"Who do you turn to when things get difficult?", "Who is glad when you do well?",
          "Which person, animal or group makes you feel you belong?"}},
        {"body",
         "Body and health",
         {"What does your body do well for you?",
          "What kind of movement, rest or food does you good?",
          "Where in your body do you feel calm or strong?"}},
        {"material",
         "Places and means",
         {"Where do you feel safe or at ease?",
          "Which things, places or means make your life easier?",
          "What in your home or surroundings gives you comfort?"}},
        {"meaning",
         "Meaning and values",
         {"What matters most to you in life?", "What gives you the feeling that it is worth it?",
          "Which beliefs or values guide you when you have to decide?"}},
        {"interest",
         "Interests",
         {"What do you like doing so much that you forget the time?",
          "What did you love doing as a child?", "What would you like to do more of?"}},
        {"success",
         "Successes",
         {"When was the problem smaller, or not there at all?", "What did you do differently then?",
          "What is the hardest thing you have already managed, and how did you do it?"}},
    };
    return all;
}

bool is_category(std::string_view code) {
    const auto& all = categories();
    return std::any_of(all.begin(), all.end(), [&](const Category& c) { return c.code == code; });
}

bool is_strength(std::string_view code) {
    const auto& all = strengths();
    return std::any_of(all.begin(), all.end(), [&](const Strength& s) { return s.code == code; });
}

}  // namespace trove::resources
